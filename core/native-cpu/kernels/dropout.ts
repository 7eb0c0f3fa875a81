// SeededDropout: dropout whose mask is a hash of (seed, element index), drawn in the
// kernel (src/dropout.cc). The backward pass is the same kernel with the same seed on the
// incoming gradient, so no mask is ever stored. core/model/dropout-mask.ts draws the same
// masks in JavaScript for the other backends.
import type * as tf from '../../tf';
import { customKernel, requireFloats, type NativeContext } from './storage';

export const SEEDED_DROPOUT = 'SeededDropout';

export interface SeededDropoutAttrs {
  rate: number;
  /** A 32-bit unsigned integer (Rng.nextSeed). */
  seed: number;
}

/** 1 / (1 - rate), the scale of kept values (as float32, the same on every backend). */
export function keptScale(rate: number): number {
  return Math.fround(1 / (1 - rate));
}

export function dropoutKernels(ctx: NativeContext): Omit<tf.KernelConfig, 'backendName'>[] {
  return [
    customKernel(SEEDED_DROPOUT, ({ inputs, backend, attrs }) => {
      const x = requireFloats(backend, inputs.x!, SEEDED_DROPOUT, 'x');
      const { rate, seed } = attrs as unknown as SeededDropoutAttrs;
      const out = ctx.pool.allocate(x.length);
      ctx.binding.dropout(x, out, rate, keptScale(rate), seed);
      return backend.makeTensorInfo([...inputs.x!.shape], 'float32', out);
    }),
  ];
}
