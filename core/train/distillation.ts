// Training a student on a teacher's outputs: the teacher's logits for every training
// feature, computed once (teacher-pass.ts, cached on disk by teacher-cache-node.ts), are
// looked up per micro-batch and the trainer minimises the distillation loss
// (distillation-loss.ts) instead of the head's own.
import * as tf from '../tf';
import { IGNORE_INDEX } from '../model/heads/losses';
import { distillationLoss, isDistillableHead, type DistillableHead, type DistillationWeights } from './distillation-loss';
import { realLength, type TrainingFeature } from './features';
import type { TrainingLoss } from './training-loss';

/**
 * One feature's teacher outputs by output name, flattened row-major and cut to the
 * feature's real length L: `logits` [C] (classification) or [L, C] (NER);
 * `start_logits` and `end_logits` [L] (QA).
 */
export type TeacherRow = Record<string, Float32Array>;

/** The head's outputs that distillation matches. */
export const DISTILLED_OUTPUTS: Readonly<Record<DistillableHead, readonly string[]>> = {
  'sequence-classification': ['logits'],
  'token-classification': ['logits'],
  'question-answering': ['start_logits', 'end_logits'],
};

export interface DistillationData {
  /** Aligned with the trainer's `train` features. */
  teacher: readonly TeacherRow[];
  /**
   * NER: per feature, 1 at the tokens whose distributions are matched. Undefined for a
   * feature (or all): its labelled tokens (label ≠ -100), the first piece of each word.
   */
  tokenMasks?: readonly (readonly number[] | undefined)[];
}

/**
 * student id → teacher id for the same label name, so that the teacher's columns can be
 * put in the student's order; throws naming the labels when the two sets differ.
 */
export function labelPermutation(student: readonly string[], teacher: readonly string[]): number[] {
  const teacherIds = new Map(teacher.map((name, id) => [name, id]));
  const missing = student.filter((name) => !teacherIds.has(name));
  const extra = teacher.filter((name) => !student.includes(name));
  if (missing.length > 0 || extra.length > 0 || student.length !== teacher.length) {
    const parts = [missing.length > 0 && `the teacher lacks ${missing.join(', ')}`, extra.length > 0 && `the student lacks ${extra.join(', ')}`].filter(Boolean);
    throw new Error(`the teacher's labels are not the student's (${parts.join('; ') || 'a label is named twice'}); distil on data with the teacher's labels`);
  }
  return student.map((name) => teacherIds.get(name)!);
}

/** The row with its class columns in the student's order (`permutation`: student id → teacher id). */
export function reorderLabels(row: TeacherRow, head: DistillableHead, permutation: readonly number[]): TeacherRow {
  if (head === 'question-answering') return row;
  const logits = row.logits;
  if (!logits) throw new Error('a teacher row lacks logits');
  const C = permutation.length;
  if (logits.length % C !== 0) throw new Error(`a teacher row has ${logits.length} logits, not a multiple of its ${C} labels`);
  const out = new Float32Array(logits.length);
  for (let base = 0; base < logits.length; base += C) for (let c = 0; c < C; c++) out[base + c] = logits[base + permutation[c]!]!;
  return { ...row, logits: out };
}

/** The trainer's loss for a distillation run (the trainer's `loss` option). */
export function distillationTrainingLoss(features: readonly TrainingFeature[], data: DistillationData, weights: DistillationWeights): TrainingLoss {
  if (data.teacher.length !== features.length) throw new Error(`there are teacher outputs for ${data.teacher.length} examples but ${features.length} training examples`);
  return (model, batch, indices, forward) =>
    tf.tidy(() => {
      const head = model.headName;
      if (!isDistillableHead(head)) throw new Error(`the ${head} head cannot be distilled`);
      const T = batch.inputs.inputIds.shape[1];
      const picked = indices.map((i) => features[i]!);
      const teacher = teacherBatch(head, indices.map((i) => data.teacher[i]!), picked.map(realLength), T);
      const tokenMask = head === 'token-classification' ? tokenMaskBatch(picked, indices.map((i) => data.tokenMasks?.[i]), T) : undefined;
      const student = model.forward(batch.inputs, forward);
      return distillationLoss(
        { head: model.head, config: model.config, inputs: batch.inputs, student, teacher, labels: batch.labels, ...(tokenMask ? { tokenMask } : {}) },
        weights,
      );
    });
}

/** The rows as the head's output tensors for a batch padded to T: per-token outputs get zeros past each row's length (masked by the loss). */
export function teacherBatch(head: DistillableHead, rows: readonly TeacherRow[], lengths: readonly number[], T: number): Record<string, tf.Tensor> {
  const perToken = head !== 'sequence-classification';
  const B = rows.length;
  const tensors: Record<string, tf.Tensor> = {};
  for (const name of DISTILLED_OUTPUTS[head]) {
    const values = rows.map((row) => {
      const value = row[name];
      if (!value) throw new Error(`a teacher row lacks ${name}`);
      return value;
    });
    if (!perToken) {
      const C = values[0]!.length;
      const flat = new Float32Array(B * C);
      values.forEach((v, b) => flat.set(v, b * C));
      tensors[name] = tf.tensor2d(flat, [B, C]); // [B, C]
      continue;
    }
    const width = values[0]!.length / lengths[0]!; // C for NER logits, 1 for QA positions
    const flat = new Float32Array(B * T * width);
    values.forEach((v, b) => {
      if (v.length !== lengths[b]! * width) throw new Error(`a teacher row for ${name} has ${v.length} values for ${lengths[b]} tokens`);
      flat.set(v, b * T * width);
    });
    tensors[name] = head === 'question-answering' ? tf.tensor2d(flat, [B, T]) : tf.tensor3d(flat, [B, T, width]); // [B, T] or [B, T, C]
  }
  return tensors;
}

/** [B, T]: each feature's mask (or its labelled tokens), padded with 0. */
function tokenMaskBatch(features: readonly TrainingFeature[], masks: readonly (readonly number[] | undefined)[], T: number): tf.Tensor2D {
  const flat = new Int32Array(features.length * T);
  features.forEach((feature, b) => {
    const mask = masks[b] ?? (feature.labels ?? []).map((label) => (label === IGNORE_INDEX ? 0 : 1));
    for (let t = 0; t < Math.min(T, mask.length); t++) flat[b * T + t] = mask[t]!;
  });
  return tf.tensor2d(flat, [features.length, T], 'int32');
}
