// Exact resume: a run stopped after a checkpoint and continued from it computes, loss for
// loss, what the uninterrupted run computes, with shuffling, dropout, gradient
// accumulation, evaluation and on-the-fly masking all drawing random numbers.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { Rng } from '../random';
import { withLabels, type BertConfig } from '../model/config';
import type { HeadName } from '../model/layout';
import { BertModel } from '../model/model';
import { classificationEvaluation, maskedLmEvaluation } from './evaluation';
import type { EvalEvent, StepEvent, TrainerEvent } from './events';
import type { TrainingFeature } from './features';
import { parseTrainingSettings, type TrainingSettings } from './settings';
import { MemoryCheckpointSink } from './testing';
import { Trainer, type TrainerOptions } from './trainer';
import type { EvaluationSet } from './evaluation';

const SMALL: BertConfig = {
  vocab_size: 60,
  hidden_size: 16,
  num_hidden_layers: 2,
  num_attention_heads: 2,
  intermediate_size: 32,
  hidden_act: 'gelu',
  hidden_dropout_prob: 0.1,
  attention_probs_dropout_prob: 0.1,
  max_position_embeddings: 24,
  type_vocab_size: 2,
  initializer_range: 0.02,
  layer_norm_eps: 1e-12,
  pad_token_id: 0,
};

/** Random sentences of 4..12 tokens (ids 5.. so none is special), with a label from the first token. */
function randomFeatures(count: number, seed: number): TrainingFeature[] {
  const rng = new Rng(seed);
  return Array.from({ length: count }, () => {
    const length = 4 + rng.nextInt(9);
    const inputIds = [2, ...Array.from({ length: length - 2 }, () => 5 + rng.nextInt(SMALL.vocab_size - 5)), 3];
    return { inputIds, label: inputIds[1]! % 2 };
  });
}

const MASK_TOKENS = { clsId: 2, sepId: 3, maskId: 4, padId: 0, unkId: 1, vocabSize: SMALL.vocab_size };

interface Scenario {
  head: HeadName;
  config: BertConfig;
  settings: TrainingSettings;
  train: TrainingFeature[];
  evaluation: EvaluationSet;
}

function run(scenario: Scenario, options: Partial<TrainerOptions>, events: TrainerEvent[], model?: BertModel) {
  const owned = model ?? BertModel.create(scenario.config, scenario.head, { seed: 7 });
  const trainer = new Trainer({
    model: owned,
    train: scenario.train,
    evaluation: scenario.evaluation,
    settings: scenario.settings,
    maskTokens: MASK_TOKENS,
    onEvent: (e) => events.push(e),
    ...options,
  });
  return { trainer, model: owned };
}

const metricsAfter = (events: TrainerEvent[], step: number) =>
  events.filter((e): e is StepEvent | EvalEvent => (e.type === 'step' || e.type === 'eval') && e.step > step).map((e) => (e.type === 'step' ? ['step', e.step, e.loss, e.grad_norm, e.learning_rate, e.epoch] : ['eval', e.step, e.metrics]));

/** Stops once `stopAfter` updates are done, or at the `call`-th check (which may fall inside an accumulation window). */
type StopRule = number | { call: number };

async function expectExactResume(scenario: Scenario, stopAfter: StopRule, resumeFrom: number): Promise<void> {
  const uninterrupted: TrainerEvent[] = [];
  const full = run(scenario, { checkpoints: new MemoryCheckpointSink() }, uninterrupted);
  await full.trainer.train();
  full.model.dispose();

  // Stopped as the rule says; stop-and-save makes the checkpoint of `resumeFrom` the latest.
  const sink = new MemoryCheckpointSink();
  const stopped: TrainerEvent[] = [];
  let calls = 0;
  const shouldStop = typeof stopAfter === 'number' ? () => first.trainer.globalStep >= stopAfter : () => ++calls >= stopAfter.call;
  const first = run(scenario, { checkpoints: sink, shouldStop }, stopped);
  expect((await first.trainer.train()).status).toBe('cancelled');
  first.model.dispose();
  expect([...sink.saved.keys()].at(-1)).toBe(resumeFrom);

  const resumedModel = BertModel.create(scenario.config, scenario.head, { seed: 99 }); // other weights: all must come from the checkpoint
  sink.restoreWeights(resumeFrom, resumedModel);
  const resumed: TrainerEvent[] = [];
  const second = run(scenario, { checkpoints: sink, resume: sink.resumePoint(resumeFrom) }, resumed, resumedModel);
  const result = await second.trainer.train();
  resumedModel.dispose();

  expect(result.globalStep).toBe(scenario.settings.max_steps);
  expect(metricsAfter(resumed, resumeFrom)).toEqual(metricsAfter(uninterrupted, resumeFrom));
  expect(metricsAfter(resumed, resumeFrom).length).toBeGreaterThan(0);
}

describe('resuming from a checkpoint', () => {
  beforeAll(() => tf.setBackend('cpu'));

  it('classification with shuffling, dropout, accumulation and evaluation gives the same losses', async () => {
    const train = randomFeatures(19, 1);
    const settings = parseTrainingSettings({ max_steps: 12, batch_size: 3, gradient_accumulation_steps: 2, save_steps: 4, eval_steps: 3, learning_rate: 5e-3, warmup_ratio: 0.2, seed: 3 });
    const scenario: Scenario = { head: 'sequence-classification', config: withLabels(SMALL, ['a', 'b']), settings, train, evaluation: classificationEvaluation(randomFeatures(6, 2), ['a', 'b']) };
    await expectExactResume(scenario, 6, 6);
  });

  it('a stop half-way through an accumulation window saves the last update and resumes exactly', async () => {
    const train = randomFeatures(19, 1);
    const settings = parseTrainingSettings({ max_steps: 10, batch_size: 3, gradient_accumulation_steps: 2, save_steps: 4, eval_steps: 3, learning_rate: 5e-3, seed: 3 });
    const scenario: Scenario = { head: 'sequence-classification', config: withLabels(SMALL, ['a', 'b']), settings, train, evaluation: classificationEvaluation(randomFeatures(6, 2), ['a', 'b']) };
    // 7 batches an epoch in windows of 2, 2, 2, 1: checks 1..11 start the micro-batches of
    // updates 1..6, check 12 the first of update 7 (its dropout drawn), check 13 stops before
    // the second: update 7 is abandoned and step 6 is saved, between updates.
    await expectExactResume(scenario, { call: 13 }, 6);
  });

  it('masked-LM pre-training with masks drawn on the fly gives the same losses', async () => {
    const train = randomFeatures(10, 4).map(({ inputIds }) => ({ inputIds }));
    const evaluation = maskedLmEvaluation(randomFeatures(4, 5).map(({ inputIds }) => ({ inputIds, labels: inputIds.map((id, i) => (i % 3 === 1 ? id : -100)) })));
    const settings = parseTrainingSettings({ max_steps: 8, batch_size: 4, save_steps: 3, eval_steps: 4, learning_rate: 5e-3, seed: 5 });
    await expectExactResume({ head: 'pretraining', config: SMALL, settings, train, evaluation }, 5, 5);
  });
});
