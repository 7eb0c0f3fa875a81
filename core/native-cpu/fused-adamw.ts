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

/**
 * New tensors for what the kernel could not write over (the caller owns them and assigns
 * them); empty when it updated the parameter and both moments in place. A parameter's
 * first update typically gives a new `param` alone: its values came from the initialiser
 * or a checkpoint, not from the backend's pool, while its moments (zerosLike) did.
 */
export interface FusedAdamWResult {
  param?: tf.Tensor;
  m?: tf.Tensor;
  v?: tf.Tensor;
}

/** One step, or undefined where the backend has no such kernel. */
export function fusedAdamW(inputs: FusedAdamWInputs, attrs: FusedAdamWAttrs): FusedAdamWResult | undefined {
  if (!tf.getKernel(FUSED_ADAMW, tf.getBackend())) return undefined;
  const { param, grad, m, v } = inputs;
  const namedInputs: tf.NamedTensorMap = { param, grad, m, v };
  const outputs = tf.engine().runKernel(FUSED_ADAMW, namedInputs, attrs as unknown as tf.NamedAttrMap) as unknown as tf.Tensor[];
  // The kernel's outputs (kernels/optimizer.ts): none, the parameter, or all three.
  const [newParam, newM, newV] = outputs;
  return { ...(newParam ? { param: newParam } : {}), ...(newM ? { m: newM } : {}), ...(newV ? { v: newV } : {}) };
}
