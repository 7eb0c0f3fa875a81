// Helpers shared by the model and checkpoint tests: the reference fixture and its inputs.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '../tf';
import type { HeadName } from './layout';
import type { ModelInputs } from './encoder';

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

/** The largest absolute difference between two nested arrays of numbers of the same shape. */
export function maxAbsDifference(actual: unknown, expected: unknown): number {
  const a = (actual as number[]).flat(Infinity) as number[];
  const e = (expected as number[]).flat(Infinity) as number[];
  if (a.length !== e.length) return Infinity;
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - e[i]!));
  return max;
}
