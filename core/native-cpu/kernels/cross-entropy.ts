// Softmax cross-entropy against integer labels in one native pass, and its gradient
// recomputed from the logits (src/cross_entropy.cc): no log-probabilities or one-hot
// targets are ever kept.
import type * as tf from '../../tf';
import { customKernel, requireFloats, requireInts, type NativeContext } from './storage';

export const CROSS_ENTROPY = 'NativeCrossEntropy';
export const CROSS_ENTROPY_GRAD = 'NativeCrossEntropyGrad';

export interface CrossEntropyAttrs {
  ignoreIndex: number;
}

export function crossEntropyKernels(ctx: NativeContext): Omit<tf.KernelConfig, 'backendName'>[] {
  const dims = (logits: tf.TensorInfo) => {
    const [rows, cols] = logits.shape as [number, number];
    if (logits.shape.length !== 2) throw new Error(`${CROSS_ENTROPY}: logits must be [rows, classes], got [${logits.shape}]`);
    return { rows, cols };
  };
  return [
    // logits [N, C], labels [N] int32 -> mean loss []
    customKernel(CROSS_ENTROPY, ({ inputs, backend, attrs }) => {
      const logits = requireFloats(backend, inputs.logits!, CROSS_ENTROPY, 'logits');
      const labels = requireInts(backend, inputs.labels!, CROSS_ENTROPY, 'labels');
      const { rows, cols } = dims(inputs.logits!);
      const loss = ctx.binding.crossEntropy(logits, labels, rows, cols, (attrs as unknown as CrossEntropyAttrs).ignoreIndex);
      return backend.makeTensorInfo([], 'float32', Float32Array.of(loss));
    }),
    // logits [N, C], labels [N], dloss [] -> dlogits [N, C]
    customKernel(CROSS_ENTROPY_GRAD, ({ inputs, backend, attrs }) => {
      const logits = requireFloats(backend, inputs.logits!, CROSS_ENTROPY_GRAD, 'logits');
      const labels = requireInts(backend, inputs.labels!, CROSS_ENTROPY_GRAD, 'labels');
      const dloss = requireFloats(backend, inputs.dloss!, CROSS_ENTROPY_GRAD, 'dloss');
      const { rows, cols } = dims(inputs.logits!);
      const dlogits = ctx.pool.allocate(logits.length);
      ctx.binding.crossEntropyGrad(logits, labels, dloss[0] ?? 0, dlogits, rows, cols, (attrs as unknown as CrossEntropyAttrs).ignoreIndex);
      return backend.makeTensorInfo([rows, cols], 'float32', dlogits);
    }),
  ];
}
