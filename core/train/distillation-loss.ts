// The distillation loss of Hinton et al. (2015) as DistilBERT trains with it:
//
//   loss = alpha · CE(student, labels) + (1 − alpha) · T² · KL(softmax(teacher/T) ‖ softmax(student/T))
//
// CE is the head's own loss (examples or tokens labelled -100 carry none). The T² factor
// keeps the soft term's gradient, which scales as 1/T², comparable to the hard term's
// as T changes. Where the KL is taken depends on the head:
//   sequence classification  one distribution over the classes per example
//   token classification     one per token, only where the mask says (labelled first pieces)
//   question answering       one over the sequence's real positions for the start, one for
//                            the end, averaged (as the head averages its two CE terms)
import * as tf from '../tf';
import type { BertConfig } from '../model/config';
import type { ModelInputs } from '../model/encoder';
import type { AnyTaskHead } from '../model/heads/registry';
import type { Labels } from '../model/heads/task-head';
import type { HeadName } from '../model/layout';

export interface DistillationWeights {
  /** T > 0: softens both distributions; 1 leaves them as they are. */
  temperature: number;
  /** Weight of the hard-label CE term, 0..1; the soft term gets 1 − alpha. */
  alpha: number;
}

/** Heads whose outputs are class or position logits a teacher can soften. */
export const DISTILLABLE_HEADS = ['sequence-classification', 'token-classification', 'question-answering'] as const satisfies readonly HeadName[];
export type DistillableHead = (typeof DISTILLABLE_HEADS)[number];

export function isDistillableHead(head: HeadName): head is DistillableHead {
  return (DISTILLABLE_HEADS as readonly string[]).includes(head);
}

/** Large enough that a masked position gets exactly zero probability, small enough to stay finite. */
const MASKED_LOGIT = -1e9;

/**
 * T² · Σₙ wₙ · KL(softmax(teacherₙ/T) ‖ softmax(studentₙ/T)) / max(Σₙ wₙ, 1) for rows
 * [N, C] and weights [N] (1 where the row counts, 0 where it does not). With every weight 1
 * this is torch's `kl_div(..., reduction="batchmean") · T²`. The teacher is a constant.
 */
export function softTargetKl(student: tf.Tensor2D, teacher: tf.Tensor2D, weights: tf.Tensor1D, temperature: number): tf.Scalar {
  return tf.tidy(() => {
    const teacherLogProbs = tf.logSoftmax(tf.div(teacher, temperature)); // [N, C]
    const studentLogProbs = tf.logSoftmax(tf.div(student, temperature)); // [N, C]
    const perRow = tf.sum(tf.mul(tf.exp(teacherLogProbs), tf.sub(teacherLogProbs, studentLogProbs)), -1); // [N]
    const mean = tf.div(tf.sum(tf.mul(perRow, weights)), tf.maximum(tf.sum(weights), 1));
    return tf.mul(mean, temperature * temperature) as tf.Scalar;
  });
}

export interface DistillationBatch {
  head: AnyTaskHead;
  config: BertConfig;
  inputs: ModelInputs;
  /** The student's head outputs (differentiable). */
  student: Record<string, tf.Tensor>;
  /** The teacher's outputs under the same names and shapes, the student's label order. */
  teacher: Record<string, tf.Tensor>;
  /** The head's labels; examples without labels carry -100 (classification, NER). */
  labels: Labels;
  /** Token classification: [B, T], 1 at the tokens whose distributions are matched. */
  tokenMask?: tf.Tensor2D;
}

/** alpha · CE + (1 − alpha) · T² · KL for one batch (see the top of the file). */
export function distillationLoss(batch: DistillationBatch, weights: DistillationWeights): tf.Scalar {
  return tf.tidy(() => {
    const { head } = batch;
    const { alpha } = weights;
    if (!isDistillableHead(head.name)) throw new Error(`the ${head.name} head cannot be distilled: it has no class or position logits`);
    const soft = SOFT_TERMS[head.name](batch, weights.temperature);
    if (alpha === 0) return soft;
    const hard = head.loss(batch.student, batch.labels, batch.inputs, batch.config);
    return tf.add(tf.mul(hard, alpha), tf.mul(soft, 1 - alpha)) as tf.Scalar;
  });
}

type SoftTerm = (batch: DistillationBatch, temperature: number) => tf.Scalar;

const SOFT_TERMS: Readonly<Record<DistillableHead, SoftTerm>> = {
  'sequence-classification': ({ student, teacher }, T) => {
    const logits = output(student, 'logits') as tf.Tensor2D; // [B, C]
    return softTargetKl(logits, output(teacher, 'logits') as tf.Tensor2D, tf.ones([logits.shape[0]]), T);
  },

  'token-classification': ({ student, teacher, tokenMask }, T) => {
    if (!tokenMask) throw new Error('token-classification distillation needs the mask of the tokens to match');
    const logits = output(student, 'logits'); // [B, T, C]
    const C = logits.shape[2]!;
    const rows = (x: tf.Tensor) => tf.reshape(x, [-1, C]) as tf.Tensor2D; // [B, T, C] -> [B·T, C]
    const weights = tf.reshape(tf.cast(tokenMask, 'float32'), [-1]) as tf.Tensor1D; // [B, T] -> [B·T]
    return softTargetKl(rows(logits), rows(output(teacher, 'logits')), weights, T);
  },

  // Each example's start (end) logits are one distribution over its real positions:
  // padding is masked out of both softmaxes, so batch padding changes nothing.
  'question-answering': ({ student, teacher, inputs }, T) => {
    const real = tf.cast(inputs.attentionMask, 'bool'); // [B, T]
    const masked = (x: tf.Tensor) => tf.where(real, x, tf.fill(x.shape, MASKED_LOGIT)) as tf.Tensor2D; // [B, T]
    const B = real.shape[0];
    const term = (name: string) => softTargetKl(masked(output(student, name)), masked(output(teacher, name)), tf.ones([B]), T);
    return tf.div(tf.add(term('start_logits'), term('end_logits')), 2) as tf.Scalar;
  },
};

function output(outputs: Record<string, tf.Tensor>, name: string): tf.Tensor {
  const tensor = outputs[name];
  if (!tensor) throw new Error(`distillation needs the output ${name}`);
  return tensor;
}
