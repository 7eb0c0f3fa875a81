// The end of a training step, for backends that recycle buffers across steps (native-cpu
// drops what the step did not reuse, see buffer-pool.ts); nothing elsewhere.
import * as tf from '../tf';
import { STEP_END } from './kernels/step-end';

export function markTrainingStepEnd(): void {
  if (tf.getKernel(STEP_END, tf.getBackend())) tf.engine().runKernel(STEP_END, {}, {});
}
