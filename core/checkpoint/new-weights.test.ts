import { describe, expect, it } from 'vitest';
import { newWeightsSentence, weightGroups } from './new-weights';

describe('new and unused weights, by module', () => {
  it('groups tensors by module and names a lone tensor itself', () => {
    expect(weightGroups(['classifier.weight', 'classifier.bias'])).toEqual(['classifier.*']);
    expect(weightGroups(['bert.pooler.dense.weight', 'bert.pooler.dense.bias', 'qa_outputs.weight', 'qa_outputs.bias'])).toEqual(['bert.pooler.*', 'qa_outputs.*']);
    expect(weightGroups(['bert.embeddings.position_ids', 'cls.predictions.bias', 'cls.seq_relationship.weight'])).toEqual(['bert.embeddings.position_ids', 'cls.*']);
  });

  it('says what was initialised and how', () => {
    expect(newWeightsSentence('token-classification', ['classifier.weight', 'classifier.bias'], 0.02)).toBe(
      'classifier.* newly initialised (the checkpoint has no token-classification head): normal(0, 0.02) with zero biases, as Transformers initialises them; fine-tuning trains them',
    );
  });
});
