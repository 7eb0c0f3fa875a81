// Slice and PadV2 (its gradient) of float32 and int32 tensors as copies of whole rows.
// The cpu kernels move a strided slice and every padding one element at a time through
// index arithmetic in JavaScript, microseconds an element: the pooler's [CLS] slice of
// [B, T, H] and the zero-padded gradient it sends back took ~50 ms of a bert-base training
// step and ~2 ms of a bert-tiny forward pass. A contiguous slice (the position embeddings'
// first T rows) is copied too, rather than viewed: a view would share the parameter's
// buffer, which the optimizer then could not update in place.
import * as tf from '../../tf';
import { floatValues, intValues, nativeKernel, sizeOf, stridesOf, type CpuStorageBackend, type NativeContext } from './storage';

type Values = Float32Array | Int32Array;

function valuesOf(backend: CpuStorageBackend, x: tf.TensorInfo): Values | undefined {
  return floatValues(backend, x) ?? intValues(backend, x);
}

function allocate(ctx: NativeContext, like: Values, length: number): Values {
  return like instanceof Float32Array ? ctx.pool.allocate(length) : new Int32Array(length);
}

/**
 * Calls `copy(from, to)` for each innermost row of a `size`-shaped block: `from` and `to`
 * are the row's first element in a tensor of `fromShape` at `fromBegin` and one of
 * `toShape` at `toBegin`; each row holds size[rank - 1] elements.
 */
function forEachRow(size: readonly number[], fromShape: readonly number[], fromBegin: readonly number[], toShape: readonly number[], toBegin: readonly number[], copy: (from: number, to: number) => void): void {
  const rank = size.length;
  if (rank === 0) {
    copy(0, 0);
    return;
  }
  if (sizeOf(size) === 0) return;
  const [fromStrides, toStrides] = [stridesOf(fromShape), stridesOf(toShape)];
  const index = new Array<number>(rank - 1).fill(0); // over every axis but the last
  for (;;) {
    let from = fromBegin[rank - 1]!;
    let to = toBegin[rank - 1]!;
    for (let axis = 0; axis < rank - 1; axis++) {
      from += (fromBegin[axis]! + index[axis]!) * fromStrides[axis]!;
      to += (toBegin[axis]! + index[axis]!) * toStrides[axis]!;
    }
    copy(from, to);
    let axis = rank - 2;
    for (; axis >= 0; axis--) {
      if (++index[axis]! < size[axis]!) break;
      index[axis] = 0;
    }
    if (axis < 0) return;
  }
}

export function sliceKernels(ctx: NativeContext) {
  return [
    nativeKernel(ctx, tf.Slice, ({ inputs, backend, attrs }) => {
      const x = inputs.x!;
      const values = valuesOf(backend, x);
      if (!values) return undefined;
      const [begin, size] = tf.slice_util.parseSliceParams(x, attrs.begin as number[], attrs.size as number[]) as [number[], number[]];
      tf.slice_util.assertParamsValid(x, begin, size);
      const out = allocate(ctx, values, sizeOf(size));
      const row = size.at(-1) ?? 1;
      const zeros = size.map(() => 0);
      forEachRow(size, x.shape, begin, size, zeros, (from, to) => out.set(values.subarray(from, from + row), to));
      return backend.makeTensorInfo(size, x.dtype, out);
    }),
    nativeKernel(ctx, tf.PadV2, ({ inputs, backend, attrs }) => {
      const x = inputs.x!;
      const values = valuesOf(backend, x);
      if (!values) return undefined;
      const paddings = attrs.paddings as [number, number][];
      const outShape = x.shape.map((dim, axis) => paddings[axis]![0] + dim + paddings[axis]![1]);
      const out = allocate(ctx, values, sizeOf(outShape));
      out.fill(Number(attrs.constantValue ?? 0));
      const row = x.shape.at(-1) ?? 1;
      const zeros = x.shape.map(() => 0);
      forEachRow(x.shape, x.shape, zeros, outShape, paddings.map(([before]) => before), (from, to) => out.set(values.subarray(from, from + row), to));
      return backend.makeTensorInfo(outShape, x.dtype, out);
    }),
  ];
}
