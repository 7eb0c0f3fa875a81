// Fill-mask on a checkpoint with the masked-LM head: the [MASK] positions, the top-k
// tokens with the probabilities the full decoder gives there, the sentence each makes,
// and the next-sentence head when a second text is given.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../core/tf';
import { softmax } from '../../core/model/heads/task-head';
import { predictBatch } from '../../core/model/prediction';
import { idsWithMasks } from './fill-mask';
import { PredictInputError, TextPredictor } from './text-predictor';

const checkpoint = path.resolve(__dirname, '../../core/testdata/bert-reference/checkpoints/pretraining');

describe('fill-mask', () => {
  let predictor: TextPredictor;
  beforeAll(async () => {
    await tf.setBackend('cpu');
    predictor = await TextPredictor.load(checkpoint);
  });
  afterAll(() => predictor.dispose());

  it('ranks the vocabulary at each [MASK] as the full decoder does', async () => {
    const text = 'i caught a [MASK] while fishing.';
    const [prediction] = await predictor.predict([{ text, top_k: 4 }]);
    if (prediction?.task !== 'fill-mask') throw new Error('expected fill-mask');
    expect(prediction.masks).toHaveLength(1);
    const [mask] = prediction.masks;
    const ids = [predictor.tokenizer.clsId, ...idsWithMasks(predictor.tokenizer, text), predictor.tokenizer.sepId];
    expect(ids[mask!.position]).toBe(predictor.tokenizer.maskId);
    // The same probabilities from the model's full [T, V] output at that position.
    const [full] = await predictBatch(predictor.model, [{ inputIds: ids }]);
    const expected = softmax((full!.outputs.prediction_logits as number[][])[mask!.position]!);
    const ranked = expected.map((p, id) => ({ p, id })).sort((a, b) => b.p - a.p).slice(0, 4);
    expect(mask!.candidates.map((c) => c.token_id)).toEqual(ranked.map((r) => r.id));
    mask!.candidates.forEach((c, k) => {
      expect(c.probability).toBeCloseTo(ranked[k]!.p, 5);
      expect(c.token).toBe(predictor.tokenizer.idToToken(c.token_id));
      // A "##" piece continues the word before it.
      expect(c.sequence).toBe(c.token.startsWith('##') ? text.replace(' [MASK]', c.token.slice(2)) : text.replace('[MASK]', c.token));
    });
  });

  it('fills several masks and asks the next-sentence head about a second text', async () => {
    const [prediction] = await predictor.predict([{ text: 'the [MASK] is in [MASK].', text_pair: 'john caught fish.' }]);
    if (prediction?.task !== 'fill-mask') throw new Error('expected fill-mask');
    expect(prediction.masks).toHaveLength(2);
    expect(prediction.masks.every((m) => m.candidates.length === 5)).toBe(true);
    expect(prediction.is_next!.probability).toBeGreaterThan(0);
    expect(prediction.is_next!.probability).toBeLessThan(1);
  });

  it('says how to write the mask when the text has none, and leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    await expect(predictor.predict([{ text: 'no mask here' }])).rejects.toThrow(PredictInputError);
    await expect(predictor.predict([{ text: 'no mask here' }])).rejects.toThrow('write [MASK] where a word should be filled in');
    await predictor.predict([{ text: 'a [MASK] b' }]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
