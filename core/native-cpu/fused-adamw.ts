// The fused AdamW update for optimizers: new parameter and moment values in one native
// pass where the active backend has the kernel (native-cpu), undefined elsewhere.
import * as tf from '../tf';
import { FUSED_ADAMW, type FusedAdamWAttrs } from './kernels/optimizer';

export type { FusedAdamWAttrs };

export interface FusedAdamWInputs {
  param: tf.Tensor;
  grad: tf.Tensor;
  m: tf.Tensor;
  v: tf.Tensor;
}

/** The kernel wrote param, m and v over (attrs.inPlace, and nothing else shared their buffers). */
export const UPDATED_IN_PLACE = 'updated in place';

/**
 * One step: UPDATED_IN_PLACE, or [param, m, v] as new tensors (the caller owns them and
 * assigns them), or undefined where the backend has no such kernel.
 */
export function fusedAdamW(inputs: FusedAdamWInputs, attrs: FusedAdamWAttrs): [tf.Tensor, tf.Tensor, tf.Tensor] | typeof UPDATED_IN_PLACE | undefined {
  if (!tf.getKernel(FUSED_ADAMW, tf.getBackend())) return undefined;
  const { param, grad, m, v } = inputs;
  const namedInputs: tf.NamedTensorMap = { param, grad, m, v };
  const outputs = tf.engine().runKernel(FUSED_ADAMW, namedInputs, attrs as unknown as tf.NamedAttrMap) as unknown as tf.Tensor[];
  if (outputs.length === 0) return UPDATED_IN_PLACE;
  return outputs as [tf.Tensor, tf.Tensor, tf.Tensor];
}
