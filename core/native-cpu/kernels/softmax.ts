// Softmax over the last axis in one pass per row (TF.js's cpu kernel chains max, sub,
// exp, sum and div, five passes and four temporaries).
import * as tf from '../../tf';
import { floatValues, nativeKernel, type NativeContext } from './storage';

export function softmaxKernels(ctx: NativeContext) {
  return [
    nativeKernel(ctx, tf.Softmax, ({ inputs, backend, attrs }) => {
      const logits = inputs.logits!;
      const values = floatValues(backend, logits);
      const rank = logits.shape.length;
      const dim = Number(attrs.dim ?? -1);
      if (!values || rank === 0 || (dim !== -1 && dim !== rank - 1)) return undefined;
      const cols = logits.shape[rank - 1]!;
      const out = ctx.pool.allocate(values.length);
      ctx.binding.softmax(values, out, cols === 0 ? 0 : values.length / cols, cols);
      return backend.makeTensorInfo([...logits.shape], 'float32', out);
    }),
  ];
}
