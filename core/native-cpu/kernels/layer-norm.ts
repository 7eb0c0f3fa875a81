// LayerNorm over the last axis in one native pass forward (y, and each row's mean and
// reciprocal standard deviation for the backward pass) and one backward (src/layer_norm.cc).
import type * as tf from '../../tf';
import { customKernel, requireFloats, sizeOf, type NativeContext } from './storage';

export const LAYER_NORM = 'NativeLayerNorm';
export const LAYER_NORM_GRAD = 'NativeLayerNormGrad';

export interface LayerNormAttrs {
  eps: number;
}

export function layerNormKernels(ctx: NativeContext): Omit<tf.KernelConfig, 'backendName'>[] {
  return [
    // x [..., H], gamma [H], beta [H] -> y [..., H], mean [rows], rstd [rows]
    customKernel(LAYER_NORM, ({ inputs, backend, attrs }) => {
      const xInfo = inputs.x!;
      const x = requireFloats(backend, xInfo, LAYER_NORM, 'x');
      const gamma = requireFloats(backend, inputs.gamma!, LAYER_NORM, 'gamma');
      const beta = requireFloats(backend, inputs.beta!, LAYER_NORM, 'beta');
      const cols = xInfo.shape.at(-1) ?? 1;
      const rows = cols === 0 ? 0 : x.length / cols;
      const [y, mean, rstd] = [ctx.pool.allocate(x.length), ctx.pool.allocate(rows), ctx.pool.allocate(rows)];
      ctx.binding.layerNorm(x, gamma, beta, y, mean, rstd, rows, cols, (attrs as unknown as LayerNormAttrs).eps);
      return [backend.makeTensorInfo([...xInfo.shape], 'float32', y), backend.makeTensorInfo([rows], 'float32', mean), backend.makeTensorInfo([rows], 'float32', rstd)];
    }),
    // dy, x [..., H], mean, rstd [rows], gamma [H] -> dx [..., H], dgamma [H], dbeta [H]
    customKernel(LAYER_NORM_GRAD, ({ inputs, backend }) => {
      const [dy, x, mean, rstd, gamma] = (['dy', 'x', 'mean', 'rstd', 'gamma'] as const).map((name) => requireFloats(backend, inputs[name]!, LAYER_NORM_GRAD, name));
      const shape = [...inputs.x!.shape];
      const cols = shape.at(-1) ?? 1;
      const rows = sizeOf(shape.slice(0, -1));
      const [dx, dgamma, dbeta] = [ctx.pool.allocate(x!.length), ctx.pool.allocate(cols), ctx.pool.allocate(cols)];
      ctx.binding.layerNormGrad(dy!, x!, mean!, rstd!, gamma!, dx, dgamma, dbeta, rows, cols);
      return [backend.makeTensorInfo(shape, 'float32', dx), backend.makeTensorInfo([cols], 'float32', dgamma), backend.makeTensorInfo([cols], 'float32', dbeta)];
    }),
  ];
}
