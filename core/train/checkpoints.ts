// Where a training's checkpoints go, and what one holds: the contract between the
// platform-neutral trainer and its sinks (a run folder in checkpoint-node.ts, memory in tests).
import type { BertModel } from '../model/model';
import type { AdamWState } from './adamw';
import type { TrainerState } from './trainer-state';

/** What a checkpoint holds besides where it goes. */
export interface TrainingCheckpoint {
  model: BertModel;
  optimizer: AdamWState;
  state: TrainerState;
}

/** Where checkpoints go: a run folder (checkpoint-node.ts) or memory (tests). */
export interface CheckpointSink {
  /** Stores the checkpoint of step `state.global_step` and says where, e.g. "checkpoints/step-40". */
  save(checkpoint: TrainingCheckpoint): Promise<string>;
  /** The weights saved at `step`, by parameter name (for load_best_model_at_end). */
  loadWeights(step: number): Promise<ReadonlyMap<string, Float32Array>>;
}

/** A checkpoint to continue from; the model passed alongside already holds its weights. */
export interface ResumePoint {
  optimizer: AdamWState;
  state: TrainerState;
}
