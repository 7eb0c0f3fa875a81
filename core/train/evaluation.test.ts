// Evaluation: eval_loss is the mean over examples whatever the batch size, the task sets
// score perfect predictions as perfect, and nothing leaks.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { withLabels, type BertConfig } from '../model/config';
import { BertModel } from '../model/model';
import { classificationEvaluation, evaluate, maskedLmEvaluation, tokenClassificationEvaluation } from './evaluation';
import type { ClassificationPredictionRow } from './evaluation-report';

const CONFIG: BertConfig = withLabels(
  {
    vocab_size: 30,
    hidden_size: 16,
    num_hidden_layers: 1,
    num_attention_heads: 2,
    intermediate_size: 32,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    attention_probs_dropout_prob: 0.1,
    max_position_embeddings: 16,
    type_vocab_size: 2,
    initializer_range: 0.5,
    layer_norm_eps: 1e-12,
    pad_token_id: 0,
  },
  ['O', 'B-X', 'I-X'],
);

const oneHot = (id: number, size = 3) => Array.from({ length: size }, (_, i) => (i === id ? 5 : 0));

describe('evaluate', () => {
  beforeAll(() => tf.setBackend('cpu'));

  it('averages the loss over examples, not batches, and leaves no tensors behind', async () => {
    const model = BertModel.create(CONFIG, 'sequence-classification', { seed: 3 });
    const features = [5, 9, 4, 7, 6].map((length, i) => ({ inputIds: Array.from({ length }, (_, t) => 5 + ((i + t) % 20)), label: i % 3 }));
    const set = classificationEvaluation(features, ['O', 'B-X', 'I-X']);
    const before = tf.memory().numTensors;
    const inBatchesOf2 = await evaluate(model, set, 2);
    const inOneBatch = await evaluate(model, set, 5);
    expect(tf.memory().numTensors).toBe(before);
    expect(inBatchesOf2.eval_loss).toBeCloseTo(inOneBatch.eval_loss!, 5);
    expect(inBatchesOf2.eval_accuracy).toBe(inOneBatch.eval_accuracy);
    expect(Object.keys(inOneBatch).sort()).toEqual(['eval_accuracy', 'eval_f1', 'eval_loss', 'eval_precision', 'eval_recall']);
    model.dispose();
  });

  it('gives perplexity = exp(loss) for masked-LM', async () => {
    const model = BertModel.create(CONFIG, 'pretraining', { seed: 1 });
    const features = [{ inputIds: [2, 7, 8, 9, 3], labels: [-100, 7, -100, 9, -100] }];
    const metrics = await evaluate(model, maskedLmEvaluation(features), 4);
    expect(metrics.eval_perplexity).toBeCloseTo(Math.exp(metrics.eval_loss!), 6);
    model.dispose();
  });
});

describe('task scores', () => {
  it('classification: perfect predictions score 1; examples without a label are left out', () => {
    const features = [0, 1, 2, -100].map((label) => ({ inputIds: [2, 3], label }));
    const set = classificationEvaluation(features, ['a', 'b', 'c']);
    expect(set.features).toHaveLength(3);
    expect(set.score([0, 1, 2].map((id) => ({ logits: oneHot(id) })), undefined)).toEqual({ accuracy: 1, f1: 1, precision: 1, recall: 1 });
  });

  it('classification details: each kept example keeps its own text, with the report and baseline', () => {
    const features = [0, -100, 2, 1].map((label) => ({ inputIds: [2, 3], label }));
    const texts = ['zero', 'unlabelled', 'two', 'one'].map((text) => ({ text }));
    const set = classificationEvaluation(features, ['a', 'b', 'c'], { texts, trainLabels: [2, 2, 0] });
    const details = set.details!([0, 1, 1].map((id) => ({ logits: oneHot(id) })));
    expect(details.report).toMatchObject({ task: 'classification', baseline: { label: 'c', accuracy: 1 / 3 } });
    expect((details.predictions as ClassificationPredictionRow[]).map((p) => [p.text, p.gold, p.predicted, p.correct])).toEqual([
      ['zero', 'a', 'a', true],
      ['two', 'c', 'b', false],
      ['one', 'b', 'b', true],
    ]);
  });

  it('token classification: entities are read from the labelled positions (first pieces), so word pieces do not count twice', () => {
    // [CLS] john ##ny smith [SEP]: the entity is two words; the continuation piece carries -100.
    const labels = [-100, 1, -100, 2, -100];
    const set = tokenClassificationEvaluation([{ inputIds: [2, 10, 11, 12, 3], labels }], ['O', 'B-X', 'I-X']);
    const perfect = set.score([{ logits: [0, 1, 0, 2, 0].map((id) => oneHot(id)) }], undefined);
    expect(perfect).toEqual({ precision: 1, recall: 1, f1: 1, accuracy: 1 });
    // A wrong guess on the continuation piece changes nothing; on a word, it splits the entity.
    expect(set.score([{ logits: [0, 1, 0, 2, 0].map((id, t) => oneHot(t === 2 ? 0 : id)) }], undefined).f1).toBe(1);
    expect(set.score([{ logits: [0, 1, 0, 0, 0].map((id) => oneHot(id)) }], undefined).f1).toBe(0);
  });
});
