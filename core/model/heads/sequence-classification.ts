// BertForSequenceClassification: dropout and a linear classifier on the pooled [CLS].
import type * as tf from '../../tf';
import { dense } from '../encoder';
import { numLabels } from '../layout';
import { crossEntropy, meanSquaredError } from './losses';
import { argmax, labelName, requireLabel, requirePooled, softmax, type TaskHead } from './task-head';

export interface SequenceClassificationPrediction {
  label: string;
  label_id: number;
  /** Softmax probability of the label (absent for regression, one output). */
  score?: number;
  value?: number;
}

export const sequenceClassification: TaskHead<SequenceClassificationPrediction> = {
  name: 'sequence-classification',
  architecture: 'BertForSequenceClassification',
  outputNames: ['logits'],
  perTokenOutputs: [],
  labelNames: ['labels'],

  forward(ctx, encoded) {
    const pooled = requirePooled(encoded, this.name);
    const rate = ctx.config.classifier_dropout ?? ctx.config.hidden_dropout_prob;
    return { logits: dense(ctx, 'classifier', ctx.dropout(pooled, rate)) }; // [B, labels]
  },

  // One output is regression (mean squared error), as Transformers' problem_type inference.
  loss(outputs, labels, _inputs, config) {
    const logits = outputs.logits as tf.Tensor;
    const target = requireLabel(labels, 'labels', this.name);
    return numLabels(config) === 1 ? meanSquaredError(logits, target) : crossEntropy(logits, target);
  },

  decode(row, { config }) {
    const logits = row.logits as number[];
    if (logits.length === 1) return { label: labelName(config, 0), label_id: 0, value: logits[0]! };
    const id = argmax(logits);
    return { label: labelName(config, id), label_id: id, score: softmax(logits)[id]! };
  },
};
