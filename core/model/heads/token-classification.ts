// BertForTokenClassification: dropout and a linear classifier on every token.
import type * as tf from '../../tf';
import { dense } from '../encoder';
import { crossEntropy } from './losses';
import { argmax, labelName, requireLabel, type TaskHead } from './task-head';

export interface TokenClassificationPrediction {
  /** One label per real token, [CLS] and [SEP] included. */
  labels: string[];
  label_ids: number[];
}

export const tokenClassification: TaskHead<TokenClassificationPrediction> = {
  name: 'token-classification',
  architecture: 'BertForTokenClassification',
  outputNames: ['logits'],
  perTokenOutputs: ['logits'],
  labelNames: ['labels'],

  forward(ctx, encoded) {
    const rate = ctx.config.classifier_dropout ?? ctx.config.hidden_dropout_prob;
    return { logits: dense(ctx, 'classifier', ctx.dropout(encoded.lastHiddenState, rate)) }; // [B, T, labels]
  },

  // Labels -100 (special tokens, continuation word pieces, padding) carry no loss.
  loss(outputs, labels) {
    return crossEntropy(outputs.logits as tf.Tensor, requireLabel(labels, 'labels', this.name));
  },

  decode(row, { config }) {
    const ids = (row.logits as number[][]).map(argmax);
    return { labels: ids.map((id) => labelName(config, id)), label_ids: ids };
  },
};
