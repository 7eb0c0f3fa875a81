// The feed-forward bias add and exact GELU in one native pass, and its gradient (dx and
// dbias in one pass too; src/gelu.cc).
import type * as tf from '../../tf';
import { customKernel, requireFloats, sizeOf, type NativeContext } from './storage';

export const BIAS_GELU = 'NativeBiasGelu';
export const BIAS_GELU_GRAD = 'NativeBiasGeluGrad';

export function geluKernels(ctx: NativeContext): Omit<tf.KernelConfig, 'backendName'>[] {
  return [
    // x [..., I], bias [I] -> gelu(x + bias) [..., I]
    customKernel(BIAS_GELU, ({ inputs, backend }) => {
      const x = requireFloats(backend, inputs.x!, BIAS_GELU, 'x');
      const bias = requireFloats(backend, inputs.bias!, BIAS_GELU, 'bias');
      const cols = bias.length;
      const y = ctx.pool.allocate(x.length);
      ctx.binding.biasGelu(x, bias, y, cols === 0 ? 0 : x.length / cols, cols);
      return backend.makeTensorInfo([...inputs.x!.shape], 'float32', y);
    }),
    // dy, x [..., I], bias [I] -> dx [..., I], dbias [I]
    customKernel(BIAS_GELU_GRAD, ({ inputs, backend }) => {
      const [dy, x, bias] = (['dy', 'x', 'bias'] as const).map((name) => requireFloats(backend, inputs[name]!, BIAS_GELU_GRAD, name));
      const shape = [...inputs.x!.shape];
      const cols = bias!.length;
      const [dx, dbias] = [ctx.pool.allocate(x!.length), ctx.pool.allocate(cols)];
      ctx.binding.biasGeluGrad(dy!, x!, bias!, dx, dbias, sizeOf(shape.slice(0, -1)), cols);
      return [backend.makeTensorInfo(shape, 'float32', dx), backend.makeTensorInfo([cols], 'float32', dbias)];
    }),
  ];
}
