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

/** [param, m, v] after one step (the caller owns them), or undefined without the kernel. */
export function fusedAdamW(inputs: FusedAdamWInputs, attrs: FusedAdamWAttrs): [tf.Tensor, tf.Tensor, tf.Tensor] | undefined {
  if (!tf.getKernel(FUSED_ADAMW, tf.getBackend())) return undefined;
  const { param, grad, m, v } = inputs;
  const namedInputs: tf.NamedTensorMap = { param, grad, m, v };
  return tf.engine().runKernel(FUSED_ADAMW, namedInputs, attrs as unknown as tf.NamedAttrMap) as unknown as [tf.Tensor, tf.Tensor, tf.Tensor];
}
