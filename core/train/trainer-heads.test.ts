// The same loop trains every head. Hand-checked numbers: a freshly initialised head
// (weights ~ N(0, 0.02)) gives near-uniform predictions, so its first loss is the log of
// the number of choices; and on a handful of examples the loss falls as the model
// memorises them. Plus early stopping and load_best_model_at_end.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { Rng } from '../random';
import { withLabels, type BertConfig } from '../model/config';
import type { HeadName } from '../model/layout';
import { BertModel } from '../model/model';
import { classificationEvaluation, tokenClassificationEvaluation } from './evaluation';
import type { EvalEvent, StepEvent, TrainerEvent } from './events';
import type { TrainingFeature } from './features';
import { parseTrainingSettings } from './settings';
import { MemoryCheckpointSink } from './testing';
import { Trainer } from './trainer';

const SMALL: BertConfig = {
  vocab_size: 40,
  hidden_size: 32,
  num_hidden_layers: 2,
  num_attention_heads: 2,
  intermediate_size: 64,
  hidden_act: 'gelu',
  hidden_dropout_prob: 0,
  attention_probs_dropout_prob: 0,
  max_position_embeddings: 16,
  type_vocab_size: 2,
  initializer_range: 0.02,
  layer_norm_eps: 1e-12,
  pad_token_id: 0,
};
const T = 10;

/** Eight sentences of T tokens: [CLS] w1..w8 [SEP], w from 5..39. */
function sentences(): number[][] {
  const rng = new Rng(11);
  return Array.from({ length: 8 }, () => [2, ...Array.from({ length: T - 2 }, () => 5 + rng.nextInt(35)), 3]);
}

async function losses(head: HeadName, config: BertConfig, train: TrainingFeature[], steps: number): Promise<number[]> {
  const model = BertModel.create(config, head, { seed: 1 });
  const events: TrainerEvent[] = [];
  // Constant lr and no clipping: the first loss is the untrained model's.
  const settings = parseTrainingSettings({ max_steps: steps, batch_size: 8, learning_rate: 3e-3, lr_scheduler_type: 'constant', max_grad_norm: 0, weight_decay: 0 });
  await new Trainer({ model, train, settings, onEvent: (e) => events.push(e) }).train();
  model.dispose();
  return events.filter((e): e is StepEvent => e.type === 'step').map((e) => e.loss);
}

describe('every head trains in the same loop', () => {
  beforeAll(() => tf.setBackend('cpu'));

  it('token classification: ln(5) at first, then memorises the tags', async () => {
    const train = sentences().map((ids) => ({ inputIds: ids, labels: ids.map((id, t) => (t === 0 || t === T - 1 ? -100 : id % 5)) }));
    const trajectory = await losses('token-classification', withLabels(SMALL, ['O', 'B-A', 'I-A', 'B-B', 'I-B']), train, 40);
    expect(trajectory[0]).toBeCloseTo(Math.log(5), 1);
    expect(trajectory.at(-1)!).toBeLessThan(0.3 * trajectory[0]!);
  });

  it('question answering: ln(T) for both span ends at first, then memorises the spans', async () => {
    const train = sentences().map((ids, i) => ({ inputIds: ids, tokenTypeIds: ids.map((_, t) => (t < 3 ? 0 : 1)), startPosition: 3 + (i % 4), endPosition: 4 + (i % 4) }));
    const trajectory = await losses('question-answering', SMALL, train, 40);
    expect(trajectory[0]).toBeCloseTo(Math.log(T), 1);
    expect(trajectory.at(-1)!).toBeLessThan(0.3 * trajectory[0]!);
  });

  it('pre-training: ln(vocab) + ln(2) for masked-LM plus next-sentence at first, then falls', async () => {
    const train = sentences().map((ids, i) => ({ inputIds: ids, labels: ids.map((id, t) => (t % 3 === 1 ? id : -100)), nextSentenceLabel: i % 2 }));
    const trajectory = await losses('pretraining', SMALL, train, 40);
    expect(trajectory[0]).toBeCloseTo(Math.log(SMALL.vocab_size) + Math.log(2), 1);
    expect(trajectory.at(-1)!).toBeLessThan(0.5 * trajectory[0]!);
  });

  it('sequence classification: ln(3) at first, then memorises the labels', async () => {
    const train = sentences().map((ids, i) => ({ inputIds: ids, label: i % 3 }));
    const trajectory = await losses('sequence-classification', withLabels(SMALL, ['a', 'b', 'c']), train, 40);
    expect(trajectory[0]).toBeCloseTo(Math.log(3), 1);
    expect(trajectory.at(-1)!).toBeLessThan(0.5 * trajectory[0]!);
  });
});

describe('evaluation, early stopping and the best model', () => {
  beforeAll(() => tf.setBackend('cpu'));

  it('scores NER on word-level entities and stops when eval_loss stops improving, keeping the best weights', async () => {
    const config = withLabels(SMALL, ['O', 'B-A', 'I-A']);
    const train = sentences().map((ids) => ({ inputIds: ids, labels: ids.map((id, t) => (t === 0 || t === T - 1 ? -100 : id % 3 === 0 ? 1 : 0)) }));
    // Validation labels the opposite way: the better the model fits train, the worse eval_loss gets.
    const validation = train.map((f) => ({ ...f, labels: f.labels.map((l) => (l === -100 ? l : 1 - l)) }));
    const model = BertModel.create(config, 'token-classification', { seed: 2 });
    const events: TrainerEvent[] = [];
    const sink = new MemoryCheckpointSink();
    const settings = parseTrainingSettings({ max_steps: 40, batch_size: 8, learning_rate: 3e-3, eval_steps: 2, early_stopping_patience: 2, load_best_model_at_end: true });
    const result = await new Trainer({ model, train, evaluation: tokenClassificationEvaluation(validation, ['O', 'B-A', 'I-A']), settings, checkpoints: sink, onEvent: (e) => events.push(e) }).train();

    const evals = events.filter((e): e is EvalEvent => e.type === 'eval');
    expect(Object.keys(evals[0]!.metrics).sort()).toEqual(['eval_accuracy', 'eval_f1', 'eval_loss', 'eval_precision', 'eval_recall']);
    expect(result.stoppedEarly).toContain('early stopping');
    expect(result.globalStep).toBeLessThan(40);
    const best = evals.reduce((a, b) => (b.metrics.eval_loss! < a.metrics.eval_loss! ? b : a));
    expect(result.best).toMatchObject({ name: 'eval_loss', step: best.step, value: best.metrics.eval_loss });
    expect(result.finalMetrics).toEqual(best.metrics);
    // The model now holds the best step's weights.
    const bestWeights = await sink.loadWeights(best.step);
    expect([...model.params.get('classifier.weight').dataSync()]).toEqual([...bestWeights.get('classifier.weight')!]);
    expect(events.some((e) => e.type === 'log' && e.message.includes(`from step ${best.step}`))).toBe(true);
    model.dispose();
  });

  it('picks "Best", stops early and keeps the checkpoint by the chosen metric (f1, greater is better)', async () => {
    const config = withLabels(SMALL, ['O', 'B-A', 'I-A']);
    const train = sentences().map((ids) => ({ inputIds: ids, labels: ids.map((id, t) => (t === 0 || t === T - 1 ? -100 : id % 3 === 0 ? 1 : 0)) }));
    const model = BertModel.create(config, 'token-classification', { seed: 2 });
    const events: TrainerEvent[] = [];
    const bestSteps: number[] = [];
    const sink = new MemoryCheckpointSink();
    const settings = parseTrainingSettings({ max_steps: 30, batch_size: 8, learning_rate: 3e-3, eval_steps: 2, early_stopping_patience: 3, load_best_model_at_end: true, metric_for_best_model: 'f1' });
    expect(settings.greater_is_better).toBe(true);
    const trainer = new Trainer({
      model,
      train,
      evaluation: tokenClassificationEvaluation(train, ['O', 'B-A', 'I-A']),
      settings,
      checkpoints: sink,
      onEvent: (e) => events.push(e),
      onEvaluation: (e) => e.best && bestSteps.push(e.step),
    });
    const result = await trainer.train();
    const evals = events.filter((e): e is EvalEvent => e.type === 'eval');
    // The first evaluation with the highest F1 (a tie is no improvement, as in Trainer).
    const best = evals.reduce((a, b) => (b.metrics.eval_f1! > a.metrics.eval_f1! ? b : a));
    expect(result.best).toMatchObject({ name: 'eval_f1', step: best.step, value: best.metrics.eval_f1 });
    expect(bestSteps.at(-1)).toBe(best.step);
    expect(result.finalMetrics).toEqual(best.metrics);
    const bestWeights = await sink.loadWeights(best.step);
    expect([...model.params.get('classifier.weight').dataSync()]).toEqual([...bestWeights.get('classifier.weight')!]);
    // Early stopping counts evaluations without a higher F1.
    const afterBest = evals.filter((e) => e.step > best.step).length;
    if (result.stoppedEarly) expect(afterBest).toBe(3);
    else expect(result.globalStep).toBe(30);
    model.dispose();
  });

  it('refuses a best-model metric the task does not measure, and early stopping without validation data', () => {
    const config = withLabels(SMALL, ['a', 'b']);
    const model = BertModel.create(config, 'sequence-classification');
    const train = sentences().map((ids, i) => ({ inputIds: ids, label: i % 2 }));
    const evaluation = classificationEvaluation(train, ['a', 'b']);
    expect(() => new Trainer({ model, train, evaluation, settings: parseTrainingSettings({ metric_for_best_model: 'exact_match' }) })).toThrow(
      'training.metric_for_best_model "exact_match" is not measured for this task; one of loss, accuracy, f1, precision, recall',
    );
    expect(() => new Trainer({ model, train, settings: parseTrainingSettings({ early_stopping_patience: 2 }) })).toThrow('needs validation data');
    expect(() => new Trainer({ model, train: [{ inputIds: [2, 50, 3], label: 1 }], settings: parseTrainingSettings({}) })).toThrow('training example 1: input_ids contains 50');
    model.dispose();
  });
});
