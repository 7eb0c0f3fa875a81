// BertForPreTraining: the masked-language-model head (transform, then a decoder tied to
// the word embeddings plus its own bias) and next-sentence prediction on the pooled [CLS].
import * as tf from '../../tf';
import { dense, layerNormAt } from '../encoder';
import { gelu, linear } from '../nn';
import { crossEntropy } from './losses';
import { argmax, requireLabel, requirePooled, type TaskHead } from './task-head';

export interface PretrainingPrediction {
  /** The most likely token id at every position. */
  token_ids: number[];
  /** Whether the second segment follows the first (seq_relationship class 0). */
  is_next: boolean;
}

export const pretraining: TaskHead<PretrainingPrediction> = {
  name: 'pretraining',
  architecture: 'BertForPreTraining',
  outputNames: ['prediction_logits', 'seq_relationship_logits'],
  perTokenOutputs: ['prediction_logits'],
  labelNames: ['labels'],
  optionalLabelNames: ['next_sentence_label'],

  forward(ctx, encoded) {
    const p = 'cls.predictions';
    const transformed = layerNormAt(ctx, `${p}.transform.LayerNorm`, gelu(dense(ctx, `${p}.transform.dense`, encoded.lastHiddenState))); // [B, T, H]
    // The decoder weight is the word-embedding matrix itself, [V, H] = [out, in].
    const wordEmbeddings = ctx.params.get('bert.embeddings.word_embeddings.weight');
    return {
      prediction_logits: linear(transformed, wordEmbeddings, ctx.params.get(`${p}.bias`)), // [B, T, V]
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

  decode(row) {
    return {
      token_ids: (row.prediction_logits as number[][]).map(argmax),
      is_next: argmax(row.seq_relationship_logits as number[]) === 0,
    };
  },
};
