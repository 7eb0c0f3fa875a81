// Transpose of float32 and int32 tensors: the attention heads' split and merge and the
// weight transposes of every dense layer, as cache-tiled copies.
import * as tf from '../../tf';
import { floatValues, intValues, nativeKernel, type CpuStorageBackend, type NativeContext } from './storage';

export function transposeTensor(ctx: NativeContext, backend: CpuStorageBackend, x: tf.TensorInfo, perm: readonly number[]): tf.TensorInfo | undefined {
  const values = floatValues(backend, x) ?? intValues(backend, x);
  if (!values) return undefined;
  const out = values instanceof Float32Array ? ctx.pool.allocate(values.length) : new Int32Array(values.length);
  ctx.binding.transpose(values, out, Int32Array.from(x.shape), Int32Array.from(perm));
  return backend.makeTensorInfo(perm.map((axis) => x.shape[axis]!), x.dtype, out);
}

export function transposeKernels(ctx: NativeContext) {
  return [nativeKernel(ctx, tf.Transpose, ({ inputs, backend, attrs }) => transposeTensor(ctx, backend, inputs.x!, attrs.perm as number[]))];
}
