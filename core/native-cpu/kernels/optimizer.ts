// FusedAdamW: one AdamW update of a parameter and its moments in one native pass, instead
// of the dozen element-wise kernels that core/train/adamw.ts composes (see
// src/optimizer.cc). A kernel of this backend only: `fusedAdamW` (../fused-adamw.ts)
// reports when the active backend has none, and the optimizer then composes as before.
import * as tf from '../../tf';
import { floatValues, type NativeContext } from './storage';

export const FUSED_ADAMW = 'FusedAdamW';

/** The per-step scalars, as core/train/adamw.ts computes them. */
export interface FusedAdamWAttrs {
  /** 1 - lr · weight decay. */
  decay: number;
  beta1: number;
  beta2: number;
  /** sqrt(1 - beta2^step). */
  bc2Sqrt: number;
  eps: number;
  /** lr / (1 - beta1^step). */
  stepSize: number;
}

export function optimizerKernels(ctx: NativeContext): Omit<tf.KernelConfig, 'backendName'>[] {
  return [
    {
      kernelName: FUSED_ADAMW,
      kernelFunc: ({ inputs, backend: storage, attrs }) => {
        const backend = storage as Parameters<typeof floatValues>[0];
        const [param, grad, m, v] = [inputs.param!, inputs.grad!, inputs.m!, inputs.v!].map((info) => {
          const values = floatValues(backend, info);
          if (!values) throw new Error(`${FUSED_ADAMW} takes float32 tensors`);
          if (values.length !== tf.util.sizeFromShape(inputs.param!.shape)) throw new Error(`${FUSED_ADAMW}: every input must have the parameter's size`);
          return values;
        }) as [Float32Array, Float32Array, Float32Array, Float32Array];
        const a = attrs as unknown as FusedAdamWAttrs;
        const outputs = [ctx.pool.allocate(param.length), ctx.pool.allocate(param.length), ctx.pool.allocate(param.length)] as const;
        ctx.binding.adamw(param, grad, m, v, ...outputs, a.decay, a.beta1, a.beta2, a.bc2Sqrt, a.eps, a.stepSize);
        const shape = [...inputs.param!.shape];
        return outputs.map((values) => backend.makeTensorInfo(shape, 'float32', values));
      },
    },
  ];
}
