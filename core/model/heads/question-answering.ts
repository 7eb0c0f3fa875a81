// BertForQuestionAnswering: one linear layer gives every token a start and an end logit.
import * as tf from '../../tf';
import { dense, MASKED_SCORE } from '../encoder';
import { crossEntropy } from './losses';
import { requireLabel, type TaskHead } from './task-head';

export interface QuestionAnsweringPrediction {
  /** Token positions of the best span, inclusive. */
  start: number;
  end: number;
  /** start_logit + end_logit of the span. */
  score: number;
}

/** Longest answer considered when decoding, in tokens (Transformers' pipeline default). */
export const MAX_ANSWER_TOKENS = 30;

export const questionAnswering: TaskHead<QuestionAnsweringPrediction> = {
  name: 'question-answering',
  architecture: 'BertForQuestionAnswering',
  outputNames: ['start_logits', 'end_logits'],
  perTokenOutputs: ['start_logits', 'end_logits'],
  labelNames: ['start_positions', 'end_positions'],

  forward(ctx, encoded) {
    const [B, T] = encoded.lastHiddenState.shape;
    const logits = dense(ctx, 'qa_outputs', encoded.lastHiddenState); // [B, T, 2]
    const [start, end] = tf.split(logits, 2, -1); // [B, T, 1] each
    return { start_logits: tf.reshape(start!, [B, T]), end_logits: tf.reshape(end!, [B, T]) };
  },

  // The softmax over start (end) positions runs over the example's real tokens only:
  // padded positions get MASKED_SCORE, so the loss is the same however much padding the
  // batch carries (a short example batched with a long one, or pre-padded to
  // max_length). A label outside the real tokens (an answer cut off by truncation) is
  // ignored, as Transformers ignores positions clamped to the sequence length. The loss
  // is the mean of the start and end losses.
  loss(outputs, labels, inputs) {
    const startLogits = outputs.start_logits as tf.Tensor2D;
    const T = startLogits.shape[1];
    const realToken = tf.cast(inputs.attentionMask, 'float32'); // [B, T], 1 at real tokens
    const positionLoss = (logits: tf.Tensor, name: string) => {
      const masked = tf.add(logits, tf.mul(tf.sub(1, realToken), MASKED_SCORE)); // [B, T]
      // Clipped as float32: wasm's ClipByValue leaves int32 tensors unchanged (tfjs 4.22).
      const position = tf.cast(tf.clipByValue(tf.cast(requireLabel(labels, name, this.name), 'float32'), 0, T), 'int32'); // [B]
      const atRealToken = tf.sum(tf.mul(tf.oneHot(position, T), realToken), -1); // [B]: 1 where the label is a real token (oneHot(T) is all zeros)
      const counted = tf.where(tf.greater(atRealToken, 0), position, tf.fill(position.shape, T, 'int32'));
      return crossEntropy(masked, counted, T);
    };
    return tf.div(tf.add(positionLoss(startLogits, 'start_positions'), positionLoss(outputs.end_logits as tf.Tensor, 'end_positions')), 2);
  },

  decode(row, { tokenTypeIds }) {
    const start = row.start_logits as number[];
    const end = row.end_logits as number[];
    const candidates = answerPositions(tokenTypeIds);
    let best: QuestionAnsweringPrediction = { start: 0, end: 0, score: -Infinity };
    for (const s of candidates) {
      for (const e of candidates) {
        if (e < s || e - s >= MAX_ANSWER_TOKENS) continue;
        const score = start[s]! + end[e]!;
        if (score > best.score) best = { start: s, end: e, score };
      }
    }
    return best;
  },
};

/** Where an answer may lie: the context segment (type 1) without its final [SEP], else all but [CLS] and the last [SEP]. */
function answerPositions(tokenTypeIds: number[]): number[] {
  const context = tokenTypeIds.flatMap((type, i) => (type === 1 ? [i] : []));
  if (context.length > 1) return context.slice(0, -1);
  const inner = tokenTypeIds.map((_, i) => i).slice(1, -1);
  return inner.length > 0 ? inner : [0];
}
