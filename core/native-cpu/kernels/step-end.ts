// NativeStepEnd: tells the buffer pool that a training step is over (buffer-pool.ts's
// endStep), through the kernel registry so that the platform-neutral trainer can say it.
import type * as tf from '../../tf';
import { customKernel, type NativeContext } from './storage';

export const STEP_END = 'NativeStepEnd';

export function stepEndKernels(ctx: NativeContext): Omit<tf.KernelConfig, 'backendName'>[] {
  return [
    customKernel(STEP_END, () => {
      ctx.pool.endStep();
      return [];
    }),
  ];
}
