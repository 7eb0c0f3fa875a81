// Everything besides the weights and the optimizer moments that a resumed run needs to
// continue exactly where the checkpoint left off: where it is in which epoch, the epoch's
// data order, the state of every random generator, the logging accumulators, the best
// evaluation so far and the early-stopping counter. Saved as trainer_state.json.
import { Rng, type RngState } from '../random';
import { epochOrder } from './batching';
import type { TrainingSettings } from './settings';

export const TRAINER_STATE_VERSION = 1;

export interface BestMetric {
  /** The log_history key, e.g. "eval_loss". */
  name: string;
  value: number;
  step: number;
  /** Every eval_* value of that evaluation. */
  metrics: Record<string, number>;
}

/** Training since the last logged step (Trainer logs the mean loss over `logging_steps`). */
export interface PendingLog {
  loss_sum: number;
  steps: number;
  samples: number;
  seconds: number;
}

export interface TrainerState {
  version: typeof TRAINER_STATE_VERSION;
  /** Optimizer updates done. */
  global_step: number;
  total_steps: number;
  /** The epoch in progress, 0-based. */
  epoch_index: number;
  /** Micro-batches of that epoch already trained on. */
  batch_in_epoch: number;
  /** The epoch's order of example indices (a permutation when shuffling). */
  epoch_order: number[];
  rng: {
    /** Draws each epoch's shuffle. */
    data: RngState;
    /** Draws the dropout seeds. */
    dropout: RngState;
    /** Draws the masked-LM masks made on the fly. */
    masking: RngState;
  };
  pending_log: PendingLog;
  best: BestMetric | null;
  /** Evaluations in a row without improvement. */
  early_stopping_counter: number;
  /** Training seconds so far, summed over resumes. */
  train_seconds: number;
}

export function emptyPendingLog(): PendingLog {
  return { loss_sum: 0, steps: 0, samples: 0, seconds: 0 };
}

/** A trainer_state.json read back, checked enough that a foreign or damaged file is refused by name. */
export function parseTrainerState(json: unknown, source: string): TrainerState {
  const state = json as Partial<TrainerState> | null;
  const fail = (what: string): never => {
    throw new Error(`${source} is not a trainer state of this version: ${what}`);
  };
  if (typeof state !== 'object' || state === null) return fail('not an object');
  if (state.version !== TRAINER_STATE_VERSION) return fail(`version ${String(state.version)}, expected ${TRAINER_STATE_VERSION}`);
  for (const key of ['global_step', 'total_steps', 'epoch_index', 'batch_in_epoch', 'early_stopping_counter', 'train_seconds'] as const) {
    if (typeof state[key] !== 'number') fail(`${key} is missing`);
  }
  if (!Array.isArray(state.epoch_order)) fail('epoch_order is missing');
  const rng = state.rng;
  if (!rng || ![rng.data, rng.dropout, rng.masking].every(isRngState)) fail('rng states are missing');
  if (!state.pending_log) fail('pending_log is missing');
  return state as TrainerState;
}

function isRngState(value: unknown): value is RngState {
  return Array.isArray(value) && value.length === 4 && value.every((v) => Number.isInteger(v) && v >= 0);
}

/** The state of a run that has not started: the first epoch's order and every generator seeded from `seed`. */
export function initialTrainerState(numExamples: number, totalSteps: number, settings: Pick<TrainingSettings, 'seed' | 'shuffle'>): TrainerState {
  // Independent streams, so that turning dropout on does not change the shuffles.
  const root = new Rng(settings.seed);
  const data = new Rng(root.nextSeed());
  const dropout = new Rng(root.nextSeed());
  const masking = new Rng(root.nextSeed());
  return {
    version: TRAINER_STATE_VERSION,
    global_step: 0,
    total_steps: totalSteps,
    epoch_index: 0,
    batch_in_epoch: 0,
    epoch_order: epochOrder(numExamples, settings.shuffle, data),
    rng: { data: data.getState(), dropout: dropout.getState(), masking: masking.getState() },
    pending_log: emptyPendingLog(),
    best: null,
    early_stopping_counter: 0,
    train_seconds: 0,
  };
}
