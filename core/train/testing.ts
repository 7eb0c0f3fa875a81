// Helpers for the trainer's tests (and the CLI's): the reference fine-tuning run of
// core/testdata/bert-reference as features and settings, and a checkpoint sink in memory.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '../tf';
import type { BertModel } from '../model/model';
import { REFERENCE_DIR } from '../model/testing';
import type { AdamWState } from './adamw';
import type { TrainingFeature } from './features';
import type { CheckpointSink, ResumePoint, TrainingCheckpoint } from './checkpoints';

export interface ReferenceRun {
  spec: {
    batch_size: number;
    total_steps: number;
    learning_rate: number;
    warmup_steps: number;
    schedule: 'linear';
    weight_decay: number;
    max_grad_norm: number;
    freeze_embeddings: boolean;
    freeze_layers: number;
    shuffle: boolean;
    seed: number;
  };
  batches: { input_ids: number[][]; token_type_ids: number[][]; attention_mask: number[][]; labels: number[] }[];
  /** 1-based steps: the loss before the update, the lr it used, the pre-clip norm. */
  steps: { step: number; loss: number; learning_rate: number; grad_norm: number }[];
  final_outputs_on_batch_0: { logits: number[][] };
}

export function readReferenceRun(): ReferenceRun {
  return JSON.parse(readFileSync(join(REFERENCE_DIR, 'train-sequence-classification.json'), 'utf8')) as ReferenceRun;
}

/** The reference batches, one feature per row, in order: with batch_size 4 and no shuffling the trainer rebuilds the same batches. */
export function referenceFeatures(run: ReferenceRun): TrainingFeature[] {
  return run.batches.flatMap((batch) =>
    batch.labels.map((label, row) => ({
      inputIds: batch.input_ids[row]!,
      tokenTypeIds: batch.token_type_ids[row]!,
      attentionMask: batch.attention_mask[row]!,
      label,
    })),
  );
}

/** The reference spec as training settings (run-config `training` keys). */
export function referenceTrainingInput(run: ReferenceRun): Record<string, unknown> {
  const { spec } = run;
  return {
    learning_rate: spec.learning_rate,
    max_steps: spec.total_steps,
    batch_size: spec.batch_size,
    warmup_steps: spec.warmup_steps,
    lr_scheduler_type: spec.schedule,
    weight_decay: spec.weight_decay,
    max_grad_norm: spec.max_grad_norm,
    freeze_embeddings: spec.freeze_embeddings,
    freeze_layers: spec.freeze_layers,
    shuffle: spec.shuffle,
    seed: spec.seed,
  };
}

interface StoredCheckpoint {
  weights: Map<string, Float32Array>;
  optimizer: AdamWState;
  state: TrainingCheckpoint['state'];
}

/** Checkpoints kept as copies in memory, for resume tests without a file system. */
export class MemoryCheckpointSink implements CheckpointSink {
  readonly saved = new Map<number, StoredCheckpoint>();

  async save({ model, optimizer, state }: TrainingCheckpoint): Promise<string> {
    this.saved.set(state.global_step, { weights: await copyWeights(model), optimizer: structuredClone(optimizer), state: structuredClone(state) });
    return `memory/step-${state.global_step}`;
  }

  async loadWeights(step: number): Promise<ReadonlyMap<string, Float32Array>> {
    return this.checkpoint(step).weights;
  }

  resumePoint(step: number): ResumePoint {
    const { optimizer, state } = this.checkpoint(step);
    return { optimizer: structuredClone(optimizer), state: structuredClone(state) };
  }

  /** Puts the weights of a checkpoint into `model`. */
  restoreWeights(step: number, model: BertModel): void {
    for (const [name, values] of this.checkpoint(step).weights) {
      const variable = model.params.get(name);
      tf.tidy(() => variable.assign(tf.tensor(values, variable.shape, 'float32')));
    }
  }

  private checkpoint(step: number): StoredCheckpoint {
    const checkpoint = this.saved.get(step);
    if (!checkpoint) throw new Error(`no checkpoint of step ${step}`);
    return checkpoint;
  }
}

async function copyWeights(model: BertModel): Promise<Map<string, Float32Array>> {
  const values = await Promise.all(model.params.entries().map(async ([name, variable]) => [name, ((await variable.data()) as Float32Array).slice()] as const));
  return new Map(values);
}
