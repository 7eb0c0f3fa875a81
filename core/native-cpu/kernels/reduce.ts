// Sum, Mean, Max and Min over any axes. Contiguous axes reduce in place; others are
// first transposed to the end (one native transpose), as TF.js's cpu kernels do.
import * as tf from '../../tf';
import { opCode, REDUCE_OPS, type ReduceOpName } from '../binding';
import { floatValues, nativeKernel, sizeOf, type CpuStorageBackend, type NativeContext } from './storage';
import { transposeTensor } from './transpose';

function reduceTensor(ctx: NativeContext, backend: CpuStorageBackend, op: ReduceOpName, x: tf.TensorInfo, axisAttr: number | number[], keepDims: boolean): tf.TensorInfo | undefined {
  if (!floatValues(backend, x)) return undefined;
  const rank = x.shape.length;
  const axes = [...new Set(tf.util.parseAxisParam(axisAttr, x.shape))].sort((p, q) => p - q);
  const outShape = x.shape.filter((_, axis) => !axes.includes(axis));
  const keptShape = x.shape.map((dim, axis) => (axes.includes(axis) ? 1 : dim));
  const contiguous = axes.every((axis, i) => i === 0 || axis === axes[i - 1]! + 1);

  // x seen as [outer, reduced, inner]; no axes is a copy.
  let source = x;
  let [outer, reduced, inner] = [sizeOf(x.shape), 1, 1];
  if (axes.length > 0 && contiguous) {
    outer = sizeOf(x.shape.slice(0, axes[0]));
    reduced = sizeOf(x.shape.slice(axes[0], axes[axes.length - 1]! + 1));
    inner = sizeOf(x.shape.slice(axes[axes.length - 1]! + 1));
  } else if (axes.length > 0) {
    const kept = [...Array(rank).keys()].filter((axis) => !axes.includes(axis));
    source = transposeTensor(ctx, backend, x, [...kept, ...axes])!;
    outer = sizeOf(outShape);
    reduced = sizeOf(axes.map((axis) => x.shape[axis]!));
  }
  const out = ctx.pool.allocate(outer * inner);
  ctx.binding.reduce(opCode(REDUCE_OPS, op), floatValues(backend, source)!, out, outer, reduced, inner);
  if (source !== x) backend.disposeIntermediateTensorInfo(source);
  return backend.makeTensorInfo(keepDims ? keptShape : outShape, 'float32', out);
}

export function reduceKernels(ctx: NativeContext) {
  return [
    nativeKernel(ctx, tf.Sum, ({ inputs, backend, attrs }) => reduceTensor(ctx, backend, 'sum', inputs.x!, attrs.axis as number[], Boolean(attrs.keepDims))),
    nativeKernel(ctx, tf.Mean, ({ inputs, backend, attrs }) => reduceTensor(ctx, backend, 'mean', inputs.x!, attrs.axis as number[], Boolean(attrs.keepDims))),
    nativeKernel(ctx, tf.Max, ({ inputs, backend, attrs }) => reduceTensor(ctx, backend, 'max', inputs.x!, attrs.reductionIndices as number[], Boolean(attrs.keepDims))),
    nativeKernel(ctx, tf.Min, ({ inputs, backend, attrs }) => reduceTensor(ctx, backend, 'min', inputs.x!, attrs.axis as number[], Boolean(attrs.keepDims))),
  ];
}
