// BertForPreTraining: the masked-language-model head (transform, then a decoder tied to
// the word embeddings plus its own bias) and next-sentence prediction on the pooled [CLS].
//
// Inference (`forward`) decodes every position: [B, T, V]. Training and evaluation decode
// only the masked positions, as Google's BERT does (masked_lm_positions): the decoder is a
// [H, V] product per row, so at 15% masking it does a seventh of the work, and the loss is
// the same number, because unmasked positions carry label -100 and add nothing to it.
import * as tf from '../../tf';
import { dense, layerNormAt, type EncoderOutput, type ModuleContext } from '../encoder';
import { embeddingLookup, gelu, linear } from '../nn';
import { crossEntropy } from './losses';
import { argmax, requireLabel, requirePooled, type Labels, type TaskHead } from './task-head';

export interface PretrainingPrediction {
  /** The most likely token id at every position. */
  token_ids: number[];
  /** Whether the second segment follows the first (seq_relationship class 0). */
  is_next: boolean;
}

/**
 * The label tensors of a pre-training batch. `labels` [B, T] is Transformers' layout;
 * `masked_lm_positions` (flat indices b·T + t into the batch's B·T positions) and
 * `masked_lm_ids` (the original ids there), both [M], are Google's, built from `labels`
 * by the collator. `next_sentence_label` [B] only when the batch trains NSP.
 */
export const MASKED_LM_POSITIONS = 'masked_lm_positions';
export const MASKED_LM_IDS = 'masked_lm_ids';

const P = 'cls.predictions';

/** cls.predictions: dense, GELU, LayerNorm, then the decoder tied to the word embeddings ([V, H] = [out, in]) and its bias: [..., H] -> [..., V]. */
export function maskedLmLogits(ctx: ModuleContext, hidden: tf.Tensor): tf.Tensor {
  const transformed = layerNormAt(ctx, `${P}.transform.LayerNorm`, gelu(dense(ctx, `${P}.transform.dense`, hidden)));
  return linear(transformed, ctx.params.get('bert.embeddings.word_embeddings.weight'), ctx.params.get(`${P}.bias`));
}

/** The hidden states at flat positions [M] of the batch: [B, T, H] -> [M, H]. The gather's gradient is a scatter (nn.embeddingLookup), which every backend has. */
export function hiddenAt(encoded: EncoderOutput, positions: tf.Tensor): tf.Tensor2D {
  const [B, T, H] = encoded.lastHiddenState.shape;
  const rows = tf.reshape(encoded.lastHiddenState, [B * T, H]); // [B, T, H] -> [B·T, H]
  return embeddingLookup(rows, positions) as tf.Tensor2D; // [M, H]
}

export interface PretrainingTerms {
  /** Mean cross-entropy over the masked positions (0 when none is masked). */
  mlmLoss: tf.Scalar;
  /** Masked positions whose most likely token is the original one, and how many there are. */
  mlmCorrect: tf.Scalar;
  mlmCount: tf.Scalar;
  /** Only when the labels have next_sentence_label. */
  nsp?: { loss: tf.Scalar; correct: tf.Scalar; count: tf.Scalar };
}

/**
 * Everything the pre-training loss and its evaluation read, from the encoder output:
 * the MLM decoder at the masked positions only (the full decoder when the labels carry no
 * positions, e.g. hand-built label tensors), and NSP when labelled.
 */
export function pretrainingTerms(ctx: ModuleContext, encoded: EncoderOutput, labels: Labels): PretrainingTerms {
  const positions = labels[MASKED_LM_POSITIONS];
  const ids = labels[MASKED_LM_IDS];
  let logits: tf.Tensor; // [M, V] or [B, T, V]
  let targets: tf.Tensor; // [M] or [B, T] with -100 where unmasked
  if (positions && ids) {
    logits = positions.shape[0] === 0 ? tf.zeros([0, ctx.config.vocab_size]) : maskedLmLogits(ctx, hiddenAt(encoded, positions));
    targets = ids;
  } else {
    logits = maskedLmLogits(ctx, encoded.lastHiddenState);
    targets = requireLabel(labels, 'labels', 'pretraining');
  }
  const mlm = correctAndCount(logits, targets);
  const terms: PretrainingTerms = { mlmLoss: crossEntropy(logits, targets), mlmCorrect: mlm.correct, mlmCount: mlm.count };
  const nextSentence = labels.next_sentence_label;
  if (nextSentence) {
    const nspLogits = dense(ctx, 'cls.seq_relationship', requirePooled(encoded, 'pretraining')); // [B, 2]
    terms.nsp = { loss: crossEntropy(nspLogits, nextSentence), ...correctAndCount(nspLogits, nextSentence) };
  }
  return terms;
}

/** Positions (label not -100) whose argmax is the label, and how many positions are labelled. */
function correctAndCount(logits: tf.Tensor, targets: tf.Tensor): { correct: tf.Scalar; count: tf.Scalar } {
  const C = logits.shape[logits.shape.length - 1]!;
  const flatTargets = tf.cast(tf.reshape(targets, [-1]), 'int32'); // [N]
  const labelled = tf.cast(tf.notEqual(flatTargets, -100), 'float32');
  const predicted = tf.argMax(tf.reshape(logits, [-1, C]), -1); // [N, C] -> [N]
  const correct = tf.sum(tf.mul(tf.cast(tf.equal(predicted, flatTargets), 'float32'), labelled)) as tf.Scalar;
  const count = tf.sum(labelled) as tf.Scalar;
  return { correct, count };
}

export const pretraining: TaskHead<PretrainingPrediction> = {
  name: 'pretraining',
  architecture: 'BertForPreTraining',
  outputNames: ['prediction_logits', 'seq_relationship_logits'],
  perTokenOutputs: ['prediction_logits'],
  labelNames: ['labels'],
  optionalLabelNames: ['next_sentence_label', MASKED_LM_POSITIONS, MASKED_LM_IDS],

  forward(ctx, encoded) {
    return {
      prediction_logits: maskedLmLogits(ctx, encoded.lastHiddenState), // [B, T, V]
      seq_relationship_logits: dense(ctx, 'cls.seq_relationship', requirePooled(encoded, this.name)), // [B, 2]
    };
  },

  // Masked-LM cross-entropy over the positions whose label is not -100, plus the
  // next-sentence cross-entropy when next_sentence_label is given.
  loss(outputs, labels) {
    const mlm = crossEntropy(outputs.prediction_logits as tf.Tensor, requireLabel(labels, 'labels', this.name));
    const nextSentence = labels.next_sentence_label;
    return nextSentence ? tf.add(mlm, crossEntropy(outputs.seq_relationship_logits as tf.Tensor, nextSentence)) : mlm;
  },

  // The same value as `loss(forward(...))`, decoding only the masked positions.
  trainingLoss(ctx, encoded, labels) {
    const terms = pretrainingTerms(ctx, encoded, labels);
    return terms.nsp ? (tf.add(terms.mlmLoss, terms.nsp.loss) as tf.Scalar) : terms.mlmLoss;
  },

  decode(row) {
    return {
      token_ids: (row.prediction_logits as number[][]).map(argmax),
      is_next: argmax(row.seq_relationship_logits as number[]) === 0,
    };
  },
};
