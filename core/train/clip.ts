// Gradient clipping by the global L2 norm, as torch.nn.utils.clip_grad_norm_ does it:
//   norm = || [ ||g_1||, ||g_2||, ... ] ||        over every trainable gradient
//   coef = min(max_norm / (norm + 1e-6), 1)       every gradient is multiplied by coef
// The pre-clip norm is what Trainer logs as `grad_norm`. The trainer passes coef to
// AdamW.step as its gradScale, so the clipped gradients never exist as copies.
import * as tf from '../tf';
import { fusedSumOfSquares } from '../native-cpu/fused-ops';

export type Gradients = ReadonlyMap<string, tf.Tensor>;

/**
 * The global L2 norm of all gradients (one read-back from the backend, asynchronous as
 * WebGPU needs). Each gradient's sum of squares is one native pass where the backend has
 * the kernel; tf.norm elsewhere.
 */
export async function globalGradNorm(grads: Gradients): Promise<number> {
  if (grads.size === 0) return 0;
  const norm = tf.tidy(() => {
    const squares = [...grads.values()].map((g) => fusedSumOfSquares(g) ?? tf.square(tf.norm(g)));
    return tf.sqrt(tf.sum(tf.stack(squares)));
  });
  const value = (await norm.data())[0]!;
  norm.dispose();
  return value;
}

/** torch's clip_grad_norm_ factor: min(max_norm / (norm + 1e-6), 1). */
export function clipCoefficient(norm: number, maxNorm: number): number {
  return Math.min(maxNorm / (norm + 1e-6), 1);
}

export interface ClippedGradients {
  /** New tensors owned by the caller; the input gradients are left as they were. */
  grads: Map<string, tf.Tensor>;
  /** The norm before clipping. */
  norm: number;
}

/**
 * Scales the gradients so that their global norm is at most `maxNorm`. Like torch, it
 * multiplies even when the factor is 1, so the output is always a fresh set of tensors.
 * Trainer skips clipping when `max_grad_norm` is 0; do that in the caller and log
 * `globalGradNorm` instead.
 */
export async function clipByGlobalNorm(grads: Gradients, maxNorm: number): Promise<ClippedGradients> {
  const norm = await globalGradNorm(grads);
  const coef = clipCoefficient(norm, maxNorm);
  const clipped = new Map<string, tf.Tensor>();
  for (const [name, grad] of grads) clipped.set(name, tf.tidy(() => grad.mul(coef)));
  return { grads: clipped, norm };
}
