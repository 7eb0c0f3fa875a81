// FusedAdamW: one AdamW update of a parameter and its moments in one native pass, instead
// of the dozen element-wise kernels that core/train/adamw.ts composes (see
// src/optimizer.cc), with gradient clipping folded in (the gradient times gradScale,
// never a clipped copy of it). SumOfSquares gives the gradient norm that clipping needs.
// Kernels of this backend only: `fusedAdamW` (../fused-adamw.ts) reports when the active
// backend has none, and the optimizer then composes as before.
import * as tf from '../../tf';
import { customKernel, refCountOf, requireFloats, type CpuStorageBackend, type NativeContext } from './storage';

export const FUSED_ADAMW = 'FusedAdamW';
export const SUM_OF_SQUARES = 'SumOfSquares';

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
  /** The gradient-clipping coefficient, applied to the gradient first (1: no clipping). */
  gradScale: number;
  /**
   * The caller gives up param, m and v: where nothing else can see their buffers they are
   * updated in place. Outputs: none when all three were; the new parameter alone when
   * only it was not (its first update: its values came from outside the pool); else new
   * param, m and v.
   */
  inPlace: boolean;
}

/** Whether the buffer behind `info` is this tensor's alone (no other tensor, view or reader shares it). */
function exclusive(ctx: NativeContext, backend: CpuStorageBackend, info: tf.TensorInfo, values: Float32Array): boolean {
  return refCountOf(backend, info) === 1 && ctx.pool.isExclusive(values);
}

export function optimizerKernels(ctx: NativeContext): Omit<tf.KernelConfig, 'backendName'>[] {
  return [
    customKernel(FUSED_ADAMW, ({ inputs, backend, attrs }) => {
      const infos = [inputs.param!, inputs.grad!, inputs.m!, inputs.v!] as const;
      const [param, grad, m, v] = infos.map((info, i) => requireFloats(backend, info, FUSED_ADAMW, ['param', 'grad', 'm', 'v'][i]!));
      if ([grad, m, v].some((values) => values!.length !== param!.length)) throw new Error(`${FUSED_ADAMW}: every input must have the parameter's size`);
      const a = attrs as unknown as FusedAdamWAttrs;
      const scalars = [a.decay, a.beta1, a.beta2, a.bc2Sqrt, a.eps, a.stepSize, a.gradScale] as const;
      const [paramOwned, mOwned, vOwned] = [0, 2, 3].map((i) => exclusive(ctx, backend, infos[i]!, [param, grad, m, v][i]!));
      if (a.inPlace && mOwned && vOwned) {
        if (paramOwned) {
          ctx.binding.adamwInPlace(param!, grad!, m!, v!, ...scalars);
          return [];
        }
        // Moments in place, the parameter into a buffer of its own (its old one is the caller's to drop).
        const paramOut = ctx.pool.allocate(param!.length);
        paramOut.set(param!);
        ctx.binding.adamwInPlace(paramOut, grad!, m!, v!, ...scalars);
        return [backend.makeTensorInfo([...inputs.param!.shape], 'float32', paramOut)];
      }
      const outputs = [ctx.pool.allocate(param!.length), ctx.pool.allocate(param!.length), ctx.pool.allocate(param!.length)] as const;
      ctx.binding.adamw(param!, grad!, m!, v!, ...outputs, ...scalars);
      const shape = [...inputs.param!.shape];
      return outputs.map((values) => backend.makeTensorInfo(shape, 'float32', values));
    }),
    customKernel(SUM_OF_SQUARES, ({ inputs, backend }) => {
      const x = requireFloats(backend, inputs.x!, SUM_OF_SQUARES, 'x');
      return backend.makeTensorInfo([], 'float32', Float32Array.of(ctx.binding.sumSquares(x)));
    }),
  ];
}
