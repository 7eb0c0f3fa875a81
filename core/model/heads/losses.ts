// The losses of the heads, as torch.nn.functional computes them.
import * as tf from '../../tf';
import { fusedCrossEntropy } from '../../native-cpu/fused-ops';

/** Transformers' label for "no loss here" (special tokens, unmasked positions). */
export const IGNORE_INDEX = -100;

/**
 * Mean cross-entropy of `logits` [..., C] against integer `labels` [...], over the
 * positions whose label is not `ignoreIndex` (0 when there are none). One fused kernel
 * where the backend has it; composed, the picked log-probability is a one-hot product,
 * so the gradient needs no gather.
 */
export function crossEntropy(logits: tf.Tensor, labels: tf.Tensor, ignoreIndex = IGNORE_INDEX): tf.Scalar {
  return tf.tidy(() => {
    const C = logits.shape[logits.shape.length - 1]!;
    const flatLogits = tf.reshape(logits, [-1, C]) as tf.Tensor2D; // [..., C] -> [N, C]
    const flatLabels = tf.cast(tf.reshape(labels, [-1]), 'int32') as tf.Tensor1D; // [...] -> [N]
    const fused = fusedCrossEntropy(flatLogits, flatLabels, ignoreIndex);
    if (fused) return fused;
    const logProbs = tf.logSoftmax(flatLogits);
    const counted = tf.notEqual(flatLabels, ignoreIndex); // [N]
    const safeLabels = tf.where(counted, flatLabels, tf.zerosLike(flatLabels));
    const picked = tf.sum(tf.mul(tf.oneHot(safeLabels, C), logProbs), -1); // [N]
    const weights = tf.cast(counted, 'float32');
    return tf.neg(tf.div(tf.sum(tf.mul(picked, weights)), tf.maximum(tf.sum(weights), 1))) as tf.Scalar;
  });
}

/** Mean squared error (regression with one label). */
export function meanSquaredError(predictions: tf.Tensor, targets: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.squaredDifference(tf.reshape(predictions, [-1]), tf.cast(tf.reshape(targets, [-1]), 'float32'))) as tf.Scalar);
}
