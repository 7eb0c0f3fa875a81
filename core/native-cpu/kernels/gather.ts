// The embedding lookup and its gradient: GatherV2 along axis 0 copies whole rows, and
// ScatterNd with one index per row (what core/model/nn.ts's embedding gradient emits)
// sums gradient rows into the table. Other forms run on the cpu backend.
import * as tf from '../../tf';
import { floatValues, intValues, nativeKernel, sizeOf, type NativeContext } from './storage';

export function gatherKernels(ctx: NativeContext) {
  return [
    nativeKernel(ctx, tf.GatherV2, ({ inputs, backend, attrs }) => {
      const x = inputs.x!;
      const indices = inputs.indices!;
      const table = floatValues(backend, x);
      const ids = intValues(backend, indices);
      const axis = tf.util.parseAxisParam(attrs.axis as number, x.shape)[0];
      if (!table || !ids || axis !== 0 || Number(attrs.batchDims ?? 0) !== 0 || x.shape.length === 0) return undefined;
      const rows = x.shape[0]!;
      const cols = sizeOf(x.shape.slice(1));
      const out = ctx.pool.allocate(ids.length * cols);
      ctx.binding.gatherRows(table, rows, cols, ids, out);
      return backend.makeTensorInfo([...indices.shape, ...x.shape.slice(1)], 'float32', out);
    }),
    nativeKernel(ctx, tf.ScatterNd, ({ inputs, backend, attrs }) => {
      const indices = inputs.indices!;
      const updates = floatValues(backend, inputs.updates!);
      const ids = intValues(backend, indices);
      const shape = attrs.shape as number[];
      const oneIndexPerRow = indices.shape.length === 2 && indices.shape[1] === 1;
      if (!updates || !ids || !oneIndexPerRow || shape.length === 0) return undefined;
      const rows = shape[0]!;
      const cols = sizeOf(shape.slice(1));
      if (updates.length !== ids.length * cols) return undefined;
      const out = ctx.pool.allocate(rows * cols);
      ctx.binding.scatterAddRows(ids, updates, cols, out, rows);
      return backend.makeTensorInfo([...shape], 'float32', out);
    }),
  ];
}
