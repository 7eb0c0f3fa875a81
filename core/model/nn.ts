// The few neural-network functions BERT is built from, on plain tensors. Two carry a
// hand-written gradient because of what the TensorFlow.js backends do:
//  - `linear` keeps every matmul (forward and backward) a plain 2-D product without
//    transpose flags: that is the only form wasm sends to its fast kernel.
//  - `embeddingLookup` differentiates `gather` with `scatterND`: wasm has no
//    UnsortedSegmentSum (the default gradient fails there) and cpu's default loops over
//    the whole vocabulary.
import * as tf from '../tf';

type SaveFn = (tensors: tf.Tensor[]) => void;
type CustomGradientFunc = Parameters<typeof tf.customGrad>[0];

/** x · Wᵀ for x [N, in] and W [out, in] (the state-dict layout) -> [N, out]. */
const matMulWeightTransposed = tf.customGrad(((x: tf.Tensor2D, weight: tf.Tensor2D, save: SaveFn) => {
  save([x, weight]);
  return {
    value: tf.matMul(x, tf.transpose(weight)),
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => {
      const [savedX, savedWeight] = saved as [tf.Tensor2D, tf.Tensor2D];
      return [
        tf.matMul(dy, savedWeight), // dx = dy · W        [N, out] x [out, in] -> [N, in]
        tf.matMul(tf.transpose(dy), savedX), // dW = dyᵀ · x [out, N] x [N, in] -> [out, in]
      ];
    },
  };
}) as unknown as CustomGradientFunc) as (x: tf.Tensor2D, weight: tf.Tensor2D) => tf.Tensor2D;

/** A dense layer as torch.nn.Linear: x · Wᵀ + b over the last axis of x. */
export function linear(x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  const [outFeatures, inFeatures] = weight.shape as [number, number];
  const leading = x.shape.slice(0, -1);
  const x2d = tf.reshape(x, [-1, inFeatures]) as tf.Tensor2D; // [..., in] -> [N, in]
  const y2d = tf.add(matMulWeightTransposed(x2d, weight as tf.Tensor2D), bias); // [N, out]
  return tf.reshape(y2d, [...leading, outFeatures]); // [N, out] -> [..., out]
}

/** Rows of `table` [V, H] at integer `ids` [...] -> [..., H]. */
export function embeddingLookup(table: tf.Tensor, ids: tf.Tensor): tf.Tensor {
  const [vocab, hidden] = table.shape as [number, number];
  const flatIds = tf.reshape(ids, [-1]); // [...] -> [N]
  const lookup = tf.customGrad(((t: tf.Tensor2D, save: SaveFn) => {
    const indices = tf.reshape(flatIds, [-1, 1]); // [N] -> [N, 1]
    save([indices]);
    return {
      value: tf.gather(t, flatIds), // [N, H]
      // Rows looked up several times receive the sum of their gradients (scatterND adds duplicates).
      gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) => tf.scatterND(saved[0]!, dy, [vocab, hidden]),
    };
  }) as unknown as CustomGradientFunc) as (t: tf.Tensor2D) => tf.Tensor2D;
  return tf.reshape(lookup(table as tf.Tensor2D), [...ids.shape, hidden]); // [N, H] -> [..., H]
}

/** torch.nn.LayerNorm over the last axis (biased variance, eps inside the square root). */
export function layerNorm(x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor, eps: number): tf.Tensor {
  const { mean, variance } = tf.moments(x, -1, true);
  const normalised = tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, eps)));
  return tf.add(tf.mul(normalised, weight), bias);
}

/** GELU in its exact form, x · Φ(x) = x/2 · (1 + erf(x/√2)), as Hugging Face's "gelu". */
export function gelu(x: tf.Tensor): tf.Tensor {
  return tf.mul(tf.mul(x, 0.5), tf.add(1, tf.erf(tf.mul(x, Math.SQRT1_2))));
}

/** Dropout that draws its mask from `nextSeed`; the identity when not training or at rate 0. */
export type Dropout = (x: tf.Tensor, rate: number) => tf.Tensor;

export const noDropout: Dropout = (x) => x;

export function seededDropout(nextSeed: () => number): Dropout {
  return (x, rate) => (rate > 0 ? tf.dropout(x, rate, undefined, nextSeed()) : x);
}
