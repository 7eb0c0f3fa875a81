// The fused chains of a BERT step as differentiable ops, where the active backend has
// the native kernels (native-cpu): each returns undefined elsewhere, and core/model/nn.ts
// then composes the same math from TF.js ops. A forward and its backward are two kernels
// tied by tf.customGrad, which keeps only what the backward kernel needs:
//   linear           x and the weight       (tf.fused.matMul keeps its output too)
//   layerNorm        x, mean, rstd          (not the five intermediates of the composition)
//   linearGelu       the product before bias and GELU
//   attention        q, k, v and the probabilities; the dropout mask is redrawn from its seed
//                    (its products read the heads inside [B, T, H]: no split or merge copies)
//   dropout          nothing: the mask is redrawn from its seed
//   crossEntropy     the logits; the softmax is recomputed
import * as tf from '../tf';
import { ATTENTION_PROBS, ATTENTION_PROBS_GRAD, HEADS_MATMUL, type AttentionProbsAttrs, type HeadsMatMulAttrs } from './kernels/attention';
import { CROSS_ENTROPY, CROSS_ENTROPY_GRAD, type CrossEntropyAttrs } from './kernels/cross-entropy';
import { SEEDED_DROPOUT, type SeededDropoutAttrs } from './kernels/dropout';
import { BIAS_GELU, BIAS_GELU_GRAD } from './kernels/gelu';
import { LAYER_NORM, LAYER_NORM_GRAD, type LayerNormAttrs } from './kernels/layer-norm';
import { SUM_OF_SQUARES } from './kernels/optimizer';

type SaveFn = (tensors: tf.Tensor[]) => void;
type CustomGradientFunc = Parameters<typeof tf.customGrad>[0];
type Attrs = Record<string, number | boolean>;

function has(kernelName: string): boolean {
  return tf.getKernel(kernelName, tf.getBackend()) !== undefined;
}

function run(kernelName: string, inputs: tf.NamedTensorMap, attrs: Attrs = {}): tf.Tensor {
  return tf.engine().runKernel(kernelName, inputs, attrs as unknown as tf.NamedAttrMap) as tf.Tensor;
}

function runMany(kernelName: string, inputs: tf.NamedTensorMap, attrs: Attrs = {}): tf.Tensor[] {
  return tf.engine().runKernel(kernelName, inputs, attrs as unknown as tf.NamedAttrMap) as unknown as tf.Tensor[];
}

type GradFunc = (dy: tf.Tensor, saved: tf.Tensor[]) => tf.Tensor | tf.Tensor[];

/**
 * tf.customGrad whose gradient runs in its own tidy: TF.js calls a custom gradient
 * eagerly and keeps whatever it makes until the whole backward pass is over, which
 * would hold every layer's gradient temporaries at once.
 */
export function tidyCustomGrad<T extends (...inputs: tf.Tensor[]) => tf.Tensor>(f: (...args: [...tf.Tensor[], SaveFn]) => { value: tf.Tensor; gradFunc: GradFunc }): T {
  const tidied = (...args: [...tf.Tensor[], SaveFn]) => {
    const { value, gradFunc } = f(...args);
    return { value, gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.tidy(() => gradFunc(dy, saved)) };
  };
  return tf.customGrad(tidied as unknown as CustomGradientFunc) as unknown as T;
}

const customGrad = tidyCustomGrad;

/** torch.nn.LayerNorm over the last axis. */
export function fusedLayerNorm(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor, eps: number): tf.Tensor | undefined {
  if (!has(LAYER_NORM)) return undefined;
  const op = customGrad<(x: tf.Tensor, gamma: tf.Tensor, beta: tf.Tensor) => tf.Tensor>((...args) => {
    const [input, g, b, save] = args as [tf.Tensor, tf.Tensor, tf.Tensor, SaveFn];
    const [y, mean, rstd] = runMany(LAYER_NORM, { x: input, gamma: g, beta: b }, { eps } satisfies LayerNormAttrs as unknown as Attrs) as [tf.Tensor, tf.Tensor, tf.Tensor];
    save([input, mean, rstd, g]);
    return {
      value: y,
      gradFunc: (dy, saved) => {
        const [savedX, savedMean, savedRstd, savedGamma] = saved as [tf.Tensor, tf.Tensor, tf.Tensor, tf.Tensor];
        return runMany(LAYER_NORM_GRAD, { dy, x: savedX, mean: savedMean, rstd: savedRstd, gamma: savedGamma }); // [dx, dgamma, dbeta]
      },
    };
  });
  return op(x, gamma, beta);
}

/** x · Wᵀ + b for x [N, in], W [out, in] (the state-dict layout), b [out] -> [N, out], as one native product and bias pass. */
export function fusedLinear(x: tf.Tensor2D, weight: tf.Tensor2D, bias: tf.Tensor): tf.Tensor2D | undefined {
  if (!has(LAYER_NORM)) return undefined; // the marker of a backend with the fused kernels (native-cpu)
  const op = customGrad<(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor>((...args) => {
    const [input, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, SaveFn];
    save([input, w]);
    return {
      value: tf.fused.matMul({ a: input, b: w, transposeB: true, bias: b }), // [N, in] x [out, in]ᵀ + [out]
      gradFunc: (dy, saved) => {
        const [savedX, savedW] = saved as [tf.Tensor2D, tf.Tensor2D];
        return [
          tf.matMul(dy, savedW), // dx = dy · W     [N, out] x [out, in] -> [N, in]
          tf.matMul(dy, savedX, true, false), // dW = dyᵀ · x   [out, N] x [N, in] -> [out, in]
          tf.sum(dy, 0), // db [out]
        ];
      },
    };
  });
  return op(x, weight, bias) as tf.Tensor2D;
}

/** gelu(x · Wᵀ + b) for x [N, in], W [out, in] (the state-dict layout), b [out] -> [N, out]. */
export function fusedLinearGelu(x: tf.Tensor2D, weight: tf.Tensor2D, bias: tf.Tensor1D): tf.Tensor2D | undefined {
  if (!has(BIAS_GELU)) return undefined;
  const op = customGrad<(x: tf.Tensor, w: tf.Tensor, b: tf.Tensor) => tf.Tensor>((...args) => {
    const [input, w, b, save] = args as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, SaveFn];
    const product = tf.matMul(input, w, false, true); // [N, in] x [out, in]ᵀ -> [N, out]
    save([input, w, b, product]);
    return {
      value: run(BIAS_GELU, { x: product, bias: b }),
      gradFunc: (dy, saved) => {
        const [savedX, savedW, savedB, savedProduct] = saved as [tf.Tensor2D, tf.Tensor2D, tf.Tensor1D, tf.Tensor2D];
        const [dProduct, dBias] = runMany(BIAS_GELU_GRAD, { dy, x: savedProduct, bias: savedB }) as [tf.Tensor2D, tf.Tensor1D];
        return [
          tf.matMul(dProduct, savedW), // dx = dz · W     [N, out] x [out, in] -> [N, in]
          tf.matMul(dProduct, savedX, true, false), // dW = dzᵀ · x   [out, N] x [N, in] -> [out, in]
          dBias,
        ];
      },
    };
  });
  return op(x, weight, bias) as tf.Tensor2D;
}

/** Dropout with the mask of `seed` (core/model/dropout-mask.ts draws the same one); its gradient redraws it. */
export function fusedDropout(x: tf.Tensor, rate: number, seed: number): tf.Tensor | undefined {
  if (!has(SEEDED_DROPOUT)) return undefined;
  const attrs = { rate, seed } satisfies SeededDropoutAttrs as unknown as Attrs;
  const op = customGrad<(x: tf.Tensor) => tf.Tensor>((...args) => {
    const input = args[0] as tf.Tensor;
    return { value: run(SEEDED_DROPOUT, { x: input }, attrs), gradFunc: (dy) => run(SEEDED_DROPOUT, { x: dy }, attrs) };
  });
  return op(x);
}

export interface AttentionDropout {
  rate: number;
  seed: number;
}

/**
 * dropout(softmax(q·kᵀ / divisor + bias)) · v per head, for q, k, v [B, T, H] with the
 * heads side by side along H (as the projections give them), bias [B, T] (0 at real keys,
 * a large negative number at padding) -> [B, T, H], the heads merged.
 */
export function fusedAttention(q: tf.Tensor3D, k: tf.Tensor3D, v: tf.Tensor3D, bias: tf.Tensor2D, heads: number, divisor: number, dropout?: AttentionDropout): tf.Tensor3D | undefined {
  if (!has(HEADS_MATMUL)) return undefined;
  const probsAttrs = { divisor } satisfies AttentionProbsAttrs as unknown as Attrs;
  const drop = (x: tf.Tensor): tf.Tensor => (dropout && dropout.rate > 0 ? run(SEEDED_DROPOUT, { x }, dropout as unknown as Attrs) : x);
  /** op(a) · op(b) per head; the result [B, T, H] when `merged`, else [B, A, T, T]. */
  const perHead = (a: tf.Tensor, b: tf.Tensor, transposeA: boolean, transposeB: boolean, merged: boolean) =>
    run(HEADS_MATMUL, { a, b }, { heads, transposeA, transposeB, outHeads: merged } satisfies HeadsMatMulAttrs as unknown as Attrs);
  const op = customGrad<(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor) => tf.Tensor>((...args) => {
    const [query, key, value, save] = args as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, SaveFn];
    const scores = perHead(query, key, false, true, false); // q·kᵀ per head: [B, T, H] x [B, T, H]ᵀ -> [B, A, T, T]
    const probs = run(ATTENTION_PROBS, { scores, bias }, probsAttrs); // [B, A, T, T]
    save([query, key, value, probs]);
    return {
      value: perHead(drop(probs), value, false, false, true), // [B, A, T, T] x v's heads -> [B, T, H]
      gradFunc: (dContext, saved) => {
        const [savedQ, savedK, savedV, savedProbs] = saved as [tf.Tensor3D, tf.Tensor3D, tf.Tensor3D, tf.Tensor4D];
        const dValue = perHead(drop(savedProbs), dContext, true, false, true); // Pᵀ · dC per head -> [B, T, H]
        const dProbs = drop(perHead(dContext, savedV, false, true, false)); // dC · vᵀ per head -> [B, A, T, T]
        const dScores = run(ATTENTION_PROBS_GRAD, { probs: savedProbs, dprobs: dProbs }, probsAttrs);
        return [
          perHead(dScores, savedK, false, false, true), // dq = dS · k       -> [B, T, H]
          perHead(dScores, savedQ, true, false, true), // dk = dSᵀ · q       -> [B, T, H]
          dValue,
        ];
      },
    };
  });
  return op(q, k, v) as tf.Tensor3D;
}

/** Mean softmax cross-entropy of logits [N, C] against int32 labels [N], leaving out ignoreIndex. */
export function fusedCrossEntropy(logits: tf.Tensor2D, labels: tf.Tensor1D, ignoreIndex: number): tf.Scalar | undefined {
  if (!has(CROSS_ENTROPY)) return undefined;
  const attrs = { ignoreIndex } satisfies CrossEntropyAttrs as unknown as Attrs;
  const op = customGrad<(logits: tf.Tensor) => tf.Tensor>((...args) => {
    const [input, save] = args as [tf.Tensor2D, SaveFn];
    save([input, labels]); // kept for the backward pass: the caller's labels are gone by then
    return {
      value: run(CROSS_ENTROPY, { logits: input, labels }, attrs),
      gradFunc: (dLoss, saved) => run(CROSS_ENTROPY_GRAD, { logits: saved[0]!, labels: saved[1]!, dloss: dLoss }, attrs),
    };
  });
  return op(logits) as tf.Scalar;
}

/** Σ x² as a scalar tensor, in one pass and without a squared copy, where the backend has the kernel. */
export function fusedSumOfSquares(x: tf.Tensor): tf.Scalar | undefined {
  if (!has(SUM_OF_SQUARES)) return undefined;
  return run(SUM_OF_SQUARES, { x }) as tf.Scalar;
}
