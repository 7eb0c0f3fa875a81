// The few neural-network functions BERT is built from, on plain tensors. Where the
// backend has fused native kernels (native-cpu, see core/native-cpu/fused-ops.ts), the
// hot chains run as one kernel forward and one backward each; elsewhere they are composed
// from TF.js ops, with the same math. Two carry a hand-written gradient because of what
// the TensorFlow.js backends do:
//  - on wasm, `linear` keeps every matmul (forward and backward) a plain 2-D product
//    without transpose flags: that is the only form wasm sends to its fast kernel. Every
//    other backend multiplies by the [out, in] weight with transposeB, never copying it.
//  - `embeddingLookup` differentiates `gather` with `scatterND`: wasm has no
//    UnsortedSegmentSum (the default gradient fails there) and cpu's default loops over
//    the whole vocabulary.
import * as tf from '../tf';
import { fusedDropout, fusedLayerNorm, fusedLinear, fusedLinearGelu } from '../native-cpu/fused-ops';
import { dropoutMask } from './dropout-mask';

type SaveFn = (tensors: tf.Tensor[]) => void;
type CustomGradientFunc = Parameters<typeof tf.customGrad>[0];

/** x · Wᵀ for x [N, in] and W [out, in] (the state-dict layout) -> [N, out]. */
const matMulWeightTransposed = tf.customGrad(((x: tf.Tensor2D, weight: tf.Tensor2D, save: SaveFn) => {
  save([x, weight]);
  return {
    value: tf.matMul(x, tf.transpose(weight)),
    // In a tidy: TF.js keeps what a custom gradient makes until the backward pass ends.
    gradFunc: (dy: tf.Tensor2D, saved: tf.Tensor[]) =>
      tf.tidy(() => {
        const [savedX, savedWeight] = saved as [tf.Tensor2D, tf.Tensor2D];
        return [
          tf.matMul(dy, savedWeight), // dx = dy · W        [N, out] x [out, in] -> [N, in]
          tf.matMul(tf.transpose(dy), savedX), // dW = dyᵀ · x [out, N] x [N, in] -> [out, in]
        ];
      }),
  };
}) as unknown as CustomGradientFunc) as (x: tf.Tensor2D, weight: tf.Tensor2D) => tf.Tensor2D;

/** x · Wᵀ + b for x [N, in]: plain products on wasm, transposeB elsewhere. */
function affine(x2d: tf.Tensor2D, weight: tf.Tensor2D, bias: tf.Tensor): tf.Tensor2D {
  if (tf.getBackend() === 'wasm') return tf.add(matMulWeightTransposed(x2d, weight), bias) as tf.Tensor2D;
  return fusedLinear(x2d, weight, bias) ?? (tf.fused.matMul({ a: x2d, b: weight, transposeB: true, bias }) as tf.Tensor2D); // [N, in] x [out, in]ᵀ + [out]
}

/** Applies `f` to x [..., in] as a 2-D [N, in] product and gives the result back as [..., out]. */
function overLastAxis(x: tf.Tensor, weight: tf.Tensor, f: (x2d: tf.Tensor2D) => tf.Tensor2D): tf.Tensor {
  const [outFeatures, inFeatures] = weight.shape as [number, number];
  const leading = x.shape.slice(0, -1);
  const y2d = f(tf.reshape(x, [-1, inFeatures]) as tf.Tensor2D); // [..., in] -> [N, in] -> [N, out]
  return tf.reshape(y2d, [...leading, outFeatures]); // [N, out] -> [..., out]
}

/** A dense layer as torch.nn.Linear: x · Wᵀ + b over the last axis of x. */
export function linear(x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  return overLastAxis(x, weight, (x2d) => affine(x2d, weight as tf.Tensor2D, bias));
}

/** gelu(linear(x, W, b)): BERT's intermediate dense layer, one fused kernel for bias and GELU where there is one. */
export function linearGelu(x: tf.Tensor, weight: tf.Tensor, bias: tf.Tensor): tf.Tensor {
  return overLastAxis(x, weight, (x2d) => fusedLinearGelu(x2d, weight as tf.Tensor2D, bias as tf.Tensor1D) ?? (gelu(affine(x2d, weight as tf.Tensor2D, bias)) as tf.Tensor2D));
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
  const fused = fusedLayerNorm(x, weight, bias, eps);
  if (fused) return fused;
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

/**
 * Dropout with the mask of `seed` (core/model/dropout-mask.ts): the native kernel draws
 * it where there is one, JavaScript elsewhere; the same elements are dropped either way.
 */
export function dropoutWithSeed(x: tf.Tensor, rate: number, seed: number): tf.Tensor {
  return fusedDropout(x, rate, seed) ?? tf.mul(x, tf.tensor(dropoutMask(seed, x.size, rate), x.shape, 'float32'));
}

export function seededDropout(nextSeed: () => number): Dropout {
  return (x, rate) => (rate > 0 ? dropoutWithSeed(x, rate, nextSeed()) : x);
}
