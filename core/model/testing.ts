// Helpers shared by the model and checkpoint tests: the reference fixture and its inputs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '../tf';
import { loadHfModel } from '../checkpoint/hf-folder-node';
import { Rng } from '../random';
import type { HeadName } from './layout';
import type { ModelInputs } from './encoder';
import type { Labels } from './heads/task-head';

export const REFERENCE_DIR = join(import.meta.dirname, '..', 'testdata', 'bert-reference');
export const REFERENCE_HEADS: readonly HeadName[] = ['pretraining', 'sequence-classification', 'token-classification', 'question-answering'];

export interface ReferenceForward {
  inputs: { input_ids: number[][]; token_type_ids: number[][]; attention_mask: number[][] };
  tolerance: { abs: number };
  checkpoints: Record<string, { path: string; outputs: Record<string, unknown> }>;
}

export function readReferenceForward(): ReferenceForward {
  return JSON.parse(readFileSync(join(REFERENCE_DIR, 'forward.json'), 'utf8')) as ReferenceForward;
}

export function referenceCheckpointDir(head: HeadName): string {
  return join(REFERENCE_DIR, 'checkpoints', head);
}

export function toModelInputs(inputs: ReferenceForward['inputs']): ModelInputs {
  return {
    inputIds: tf.tensor2d(inputs.input_ids, undefined, 'int32'),
    tokenTypeIds: tf.tensor2d(inputs.token_type_ids, undefined, 'int32'),
    attentionMask: tf.tensor2d(inputs.attention_mask, undefined, 'int32'),
  };
}

export function disposeInputs(inputs: ModelInputs): void {
  tf.dispose([inputs.inputIds, inputs.tokenTypeIds, inputs.attentionMask]);
}

/** Labels for the reference inputs that reach every loss path of `head`: ignored (-100) positions, a QA end past the sequence. The caller disposes them. */
export function referenceLabels(head: HeadName, inputs: ReferenceForward['inputs']): Labels {
  const tokenLabels = inputs.attention_mask.map((row, b) => row.map((m, t) => (m === 0 || t === 0 ? -100 : (b + t) % 5)));
  switch (head) {
    case 'sequence-classification':
      return { labels: tf.tensor1d([0, 2, 1], 'int32') };
    case 'token-classification':
      return { labels: tf.tensor2d(tokenLabels, undefined, 'int32') };
    case 'question-answering':
      return { start_positions: tf.tensor1d([3, 7, 1], 'int32'), end_positions: tf.tensor1d([5, 7, 40], 'int32') };
    case 'pretraining': {
      const masked = inputs.input_ids.map((row) => row.map((id, t) => (t % 3 === 1 ? id : -100)));
      return { labels: tf.tensor2d(masked, undefined, 'int32'), next_sentence_label: tf.tensor1d([0, 1, 0], 'int32') };
    }
  }
}

/** Loss and gradients of one training step of the head's reference checkpoint on `backend`, as plain arrays. */
export async function referenceGradients(backend: string, head: HeadName): Promise<{ loss: number; grads: Map<string, unknown> }> {
  await tf.setBackend(backend);
  const { model } = await loadHfModel(referenceCheckpointDir(head));
  const reference = readReferenceForward();
  const inputs = toModelInputs(reference.inputs);
  const labels = referenceLabels(head, reference.inputs);
  const { loss, grads } = model.lossAndGradients(inputs, labels, { training: true, rng: new Rng(1) });
  const arrays = new Map<string, unknown>();
  for (const [name, grad] of grads) arrays.set(name, await grad.array());
  const result = { loss: (await loss.data())[0]!, grads: arrays };
  tf.dispose([loss, ...grads.values(), ...Object.values(labels)]);
  disposeInputs(inputs);
  model.dispose();
  return result;
}
