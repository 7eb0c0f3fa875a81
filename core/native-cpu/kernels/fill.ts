// ZerosLike and Fill for float32 outputs from the buffer pool: AdamW's moments start as
// zerosLike(parameter), and a pooled buffer is one the optimizer may update in place
// from its first step on (kernels/optimizer.ts); the cpu kernels' fresh arrays are not.
import * as tf from '../../tf';
import { nativeKernel, sizeOf, type CpuStorageBackend, type NativeContext } from './storage';

export function fillKernels(ctx: NativeContext) {
  const filled = (shape: number[], value: number, backend: CpuStorageBackend) => {
    const out = ctx.pool.allocate(sizeOf(shape));
    out.fill(value);
    return backend.makeTensorInfo(shape, 'float32', out);
  };
  return [
    nativeKernel(ctx, tf.ZerosLike, ({ inputs, backend }) => (inputs.x!.dtype === 'float32' ? filled([...inputs.x!.shape], 0, backend) : undefined)),
    nativeKernel(ctx, tf.Fill, ({ backend, attrs }) => {
      const value = attrs.value;
      const dtype = attrs.dtype ?? (typeof value === 'number' ? 'float32' : undefined);
      return dtype === 'float32' && typeof value === 'number' ? filled([...(attrs.shape as number[])], value, backend) : undefined;
    }),
  ];
}
