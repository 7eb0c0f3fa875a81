// Attention probabilities from raw scores in one native pass (scale, key mask, softmax)
// and their gradient (src/attention.cc); attention's per-head products on the heads
// where they lie inside [B, T, H] (src/matmul.cc heads_matmul), so that no head is split
// out of the projections or merged back by a transposed copy.
import type * as tf from '../../tf';
import { customKernel, requireFloats, sizeOf, type NativeContext } from './storage';

export const ATTENTION_PROBS = 'NativeAttentionProbs';
export const ATTENTION_PROBS_GRAD = 'NativeAttentionProbsGrad';
export const HEADS_MATMUL = 'NativeHeadsMatMul';

export interface HeadsMatMulAttrs {
  heads: number;
  transposeA: boolean;
  transposeB: boolean;
  /** The output as [B, m, heads · n] (each head's product in its columns), else [B, heads, m, n]. */
  outHeads: boolean;
}

/** One operand's per-head matrices: [B, T, heads · D] holds [T, D] ones in its columns, [B, heads, R, C] packed [R, C] ones. */
function headMatrices(shape: readonly number[], heads: number, name: string): { batch: number; rows: number; cols: number; strides: Int32Array } {
  if (shape.length === 3) {
    const [B, T, H] = shape as [number, number, number];
    if (H % heads !== 0) throw new Error(`${HEADS_MATMUL}: ${name} [${shape}] does not split into ${heads} heads`);
    return { batch: B, rows: T, cols: H / heads, strides: Int32Array.of(T * H, H / heads, H) };
  }
  if (shape.length === 4 && shape[1] === heads) {
    const [B, , R, C] = shape as [number, number, number, number];
    return { batch: B, rows: R, cols: C, strides: Int32Array.of(heads * R * C, R * C, C) };
  }
  throw new Error(`${HEADS_MATMUL}: ${name} must be [B, T, heads · D] or [B, ${heads}, R, C], got [${shape}]`);
}

export interface AttentionProbsAttrs {
  /** The scores are divided by this (√D) before the mask is added. */
  divisor: number;
}

export function attentionKernels(ctx: NativeContext): Omit<tf.KernelConfig, 'backendName'>[] {
  return [
    // op(a) · op(b) per batch item and head, each operand [B, T, heads · D] or [B, heads, R, C].
    customKernel(HEADS_MATMUL, ({ inputs, backend, attrs }) => {
      const { heads, transposeA, transposeB, outHeads } = attrs as unknown as HeadsMatMulAttrs;
      const a = headMatrices(inputs.a!.shape, heads, 'a');
      const b = headMatrices(inputs.b!.shape, heads, 'b');
      const [m, k] = transposeA ? [a.cols, a.rows] : [a.rows, a.cols];
      const [kB, n] = transposeB ? [b.cols, b.rows] : [b.rows, b.cols];
      if (a.batch !== b.batch || k !== kB) throw new Error(`${HEADS_MATMUL}: [${inputs.a!.shape}] and [${inputs.b!.shape}] do not multiply per head (transposeA ${transposeA}, transposeB ${transposeB})`);
      const B = a.batch;
      const shape = outHeads ? [B, m, heads * n] : [B, heads, m, n];
      const outStrides = outHeads ? Int32Array.of(m * heads * n, n, heads * n) : Int32Array.of(heads * m * n, m * n, n);
      const out = ctx.pool.allocate(sizeOf(shape));
      const aValues = requireFloats(backend, inputs.a!, HEADS_MATMUL, 'a');
      const bValues = requireFloats(backend, inputs.b!, HEADS_MATMUL, 'b');
      ctx.binding.headsMatmul(aValues, a.strides, bValues, b.strides, out, outStrides, B, heads, m, n, k, transposeA, transposeB);
      return backend.makeTensorInfo(shape, 'float32', out);
    }),
    // scores [B, A, Tq, Tk], bias [B, Tk] -> probs [B, A, Tq, Tk]
    customKernel(ATTENTION_PROBS, ({ inputs, backend, attrs }) => {
      const scores = requireFloats(backend, inputs.scores!, ATTENTION_PROBS, 'scores');
      const bias = requireFloats(backend, inputs.bias!, ATTENTION_PROBS, 'bias');
      const shape = [...inputs.scores!.shape];
      const [B, , , Tk] = shape as [number, number, number, number];
      if (shape.length !== 4 || inputs.bias!.shape.join() !== [B, Tk].join()) throw new Error(`${ATTENTION_PROBS}: scores [B, A, Tq, Tk] and bias [B, Tk] expected, got [${shape}] and [${inputs.bias!.shape}]`);
      const probs = ctx.pool.allocate(scores.length);
      ctx.binding.attentionProbs(scores, bias, probs, B, B === 0 || Tk === 0 ? 0 : scores.length / (B * Tk), Tk, (attrs as unknown as AttentionProbsAttrs).divisor);
      return backend.makeTensorInfo(shape, 'float32', probs);
    }),
    // probs, dprobs [..., Tk] -> dscores [..., Tk]
    customKernel(ATTENTION_PROBS_GRAD, ({ inputs, backend, attrs }) => {
      const probs = requireFloats(backend, inputs.probs!, ATTENTION_PROBS_GRAD, 'probs');
      const dprobs = requireFloats(backend, inputs.dprobs!, ATTENTION_PROBS_GRAD, 'dprobs');
      const shape = [...inputs.probs!.shape];
      const cols = shape.at(-1) ?? 1;
      const dscores = ctx.pool.allocate(probs.length);
      ctx.binding.attentionProbsGrad(probs, dprobs, dscores, sizeOf(shape.slice(0, -1)), cols, (attrs as unknown as AttentionProbsAttrs).divisor);
      return backend.makeTensorInfo(shape, 'float32', dscores);
    }),
  ];
}
