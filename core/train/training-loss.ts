// What the trainer minimises on a micro-batch: by default the head's own loss; a
// distillation run swaps in its own (core/train/distillation.ts), which also needs to
// know which training features the batch holds, to find the teacher's outputs for them.
import type * as tf from '../tf';
import type { BertModel, ForwardOptions } from '../model/model';
import type { Batch } from './batching';

/** A differentiable scalar for the batch; `featureIndices` index the trainer's `train` features, in batch order. */
export type TrainingLoss = (model: BertModel, batch: Batch, featureIndices: readonly number[], forward: ForwardOptions) => tf.Scalar;

export const headLoss: TrainingLoss = (model, batch, _featureIndices, forward) => model.loss(batch.inputs, batch.labels, forward);
