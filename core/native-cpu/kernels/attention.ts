// Attention probabilities from raw scores in one native pass (scale, key mask, softmax)
// and their gradient (src/attention.cc).
import type * as tf from '../../tf';
import { customKernel, requireFloats, sizeOf, type NativeContext } from './storage';

export const ATTENTION_PROBS = 'NativeAttentionProbs';
export const ATTENTION_PROBS_GRAD = 'NativeAttentionProbsGrad';

export interface AttentionProbsAttrs {
  /** The scores are divided by this (√D) before the mask is added. */
  divisor: number;
}

export function attentionKernels(ctx: NativeContext): Omit<tf.KernelConfig, 'backendName'>[] {
  return [
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
