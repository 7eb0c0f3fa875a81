// From features to tensors: each epoch's order, its micro-batches, and one micro-batch as
// the model's inputs and the head's labels. A batch is as long as its longest real
// example: padding a feature carried (datasets padded to max_length) is cut off first, so
// no compute goes into positions that no example uses. Padding changes no output and no
// loss: padded keys get exactly zero attention weight, and the losses leave padded
// positions out (per-token labels are -100 there; the QA head masks padded positions out
// of its start/end softmax).
import * as tf from '../tf';
import type { Rng } from '../random';
import type { ModelInputs } from '../model/encoder';
import { IGNORE_INDEX } from '../model/heads/losses';
import type { Labels } from '../model/heads/task-head';
import type { HeadName } from '../model/layout';
import { padBatch, type TokenizedExample } from '../model/prediction';
import { realLength, type TrainingFeature } from './features';
import { maskTokens, type MaskingOptions } from './mlm';
import { maskedLmTargets } from './mlm-targets';

export interface Batch {
  inputs: ModelInputs;
  labels: Labels;
  /** Examples in the batch. */
  size: number;
}

/** The order of one epoch's examples: a fresh permutation from `rng`, or 0..n-1 as given. */
export function epochOrder(numExamples: number, shuffle: boolean, rng: Rng): number[] {
  return shuffle ? rng.permutation(numExamples) : Array.from({ length: numExamples }, (_, i) => i);
}

/** The example indices of micro-batch `index` of an epoch (the last one may be short). */
export function microBatchIndices(order: readonly number[], batchSize: number, index: number): number[] {
  return order.slice(index * batchSize, (index + 1) * batchSize);
}

export interface CollateOptions {
  /** Build the label tensors (default true); false for features without labels. */
  labels?: boolean;
}

/** int32 inputs and labels for the features, padded to the longest; the caller disposes them (`disposeBatch`). */
export function collate(features: readonly TrainingFeature[], head: HeadName, padTokenId: number, options: CollateOptions = {}): Batch {
  const lengths = features.map(realLength);
  const T = Math.max(...lengths);
  const examples: TokenizedExample[] = features.map((feature, b) => ({
    inputIds: feature.inputIds.slice(0, lengths[b]),
    tokenTypeIds: feature.tokenTypeIds?.slice(0, lengths[b]),
    attentionMask: feature.attentionMask?.slice(0, lengths[b]),
  }));
  const labels = options.labels === false ? {} : collateLabels(features, head, lengths, T);
  return { inputs: padBatch(examples, padTokenId), labels, size: features.length };
}

/**
 * The feature with BERT's masked-LM corruption (DataCollatorForLanguageModeling) drawn
 * from `rng`: what the trainer does to pre-training features that carry no labels.
 */
export function maskForMlm(feature: TrainingFeature, tokens: MaskingOptions, rng: Rng): TrainingFeature {
  const masked = maskTokens(feature.inputIds, tokens, rng);
  return { ...feature, inputIds: masked.input_ids, labels: masked.labels };
}

export function disposeBatch(batch: Batch): void {
  tf.dispose([batch.inputs.inputIds, batch.inputs.tokenTypeIds, batch.inputs.attentionMask, ...Object.values(batch.labels)]);
}

function collateLabels(features: readonly TrainingFeature[], head: HeadName, lengths: readonly number[], T: number): Labels {
  const perExample = (pick: (f: TrainingFeature) => number | undefined) => tf.tensor1d(features.map((f) => pick(f)!), 'int32');
  // Per-token labels follow their tokens: cut like the inputs, padded with "no loss".
  const perToken = () =>
    tf.tensor2d(
      features.map((f, b) => {
        const labels = f.labels!.slice(0, lengths[b]);
        return [...labels, ...new Array<number>(T - labels.length).fill(IGNORE_INDEX)];
      }),
      [features.length, T],
      'int32',
    );
  switch (head) {
    case 'sequence-classification':
      // float32 keeps regression targets (one output) exact; the loss casts class ids back.
      return { labels: tf.tensor1d(features.map((f) => f.label!), 'float32') };
    case 'token-classification':
      return { labels: perToken() };
    case 'question-answering':
      return { start_positions: perExample((f) => f.startPosition), end_positions: perExample((f) => f.endPosition) };
    case 'pretraining': {
      const labels: Labels = { labels: perToken(), ...maskedLmTargets(features.map((f, b) => f.labels!.slice(0, lengths[b])), T) };
      if (features.every((f) => f.nextSentenceLabel !== undefined)) labels.next_sentence_label = perExample((f) => f.nextSentenceLabel);
      return labels;
    }
  }
}
