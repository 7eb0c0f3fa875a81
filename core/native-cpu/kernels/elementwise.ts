// Element-wise kernels: unary math (exp and erf for softmax and GELU, rsqrt for LayerNorm,
// sqrt for AdamW) and binary arithmetic with numpy broadcasting (bias adds, residuals,
// the attention mask, LayerNorm's scale and shift, gradients and optimizer updates).
import * as tf from '../../tf';
import { BINARY_OPS, opCode, UNARY_OPS, type BinaryOpName, type UnaryOpName } from '../binding';
import { floatValues, nativeKernel, sizeOf, stridesOf, type CpuStorageBackend, type NativeContext } from './storage';

export function unaryOp(ctx: NativeContext, backend: CpuStorageBackend, op: UnaryOpName, x: tf.TensorInfo): tf.TensorInfo | undefined {
  const values = floatValues(backend, x);
  if (!values) return undefined;
  const out = ctx.pool.allocate(values.length);
  ctx.binding.unary(opCode(UNARY_OPS, op), values, out);
  return backend.makeTensorInfo([...x.shape], 'float32', out);
}

/** Strides that walk `shape` as if broadcast to `outShape` (0 along repeated axes). */
export function broadcastStrides(shape: readonly number[], outShape: readonly number[]): Int32Array {
  const strides = stridesOf(shape);
  const offset = outShape.length - shape.length;
  return Int32Array.from(outShape, (_, axis) => {
    const own = axis - offset;
    return own < 0 || shape[own] === 1 ? 0 : strides[own]!;
  });
}

export function binaryOp(ctx: NativeContext, backend: CpuStorageBackend, op: BinaryOpName, a: tf.TensorInfo, b: tf.TensorInfo): tf.TensorInfo | undefined {
  const aValues = floatValues(backend, a);
  const bValues = floatValues(backend, b);
  if (!aValues || !bValues) return undefined;
  const outShape = tf.broadcast_util.assertAndGetBroadcastShape(a.shape, b.shape);
  const out = ctx.pool.allocate(sizeOf(outShape));
  ctx.binding.binary(opCode(BINARY_OPS, op), aValues, broadcastStrides(a.shape, outShape), bValues, broadcastStrides(b.shape, outShape), out, Int32Array.from(outShape));
  return backend.makeTensorInfo(outShape, 'float32', out);
}

const UNARY_KERNELS: Readonly<Record<string, UnaryOpName>> = {
  [tf.Exp]: 'exp',
  [tf.Erf]: 'erf',
  [tf.Sqrt]: 'sqrt',
  [tf.Rsqrt]: 'rsqrt',
  [tf.Square]: 'square',
  [tf.Neg]: 'neg',
  [tf.Tanh]: 'tanh',
  [tf.Log]: 'log',
  [tf.Floor]: 'floor',
  [tf.Abs]: 'abs',
  [tf.Reciprocal]: 'reciprocal',
  [tf.Sigmoid]: 'sigmoid',
  [tf.Relu]: 'relu',
};

const BINARY_KERNELS: Readonly<Record<string, BinaryOpName>> = {
  [tf.Add]: 'add',
  [tf.Sub]: 'sub',
  [tf.Multiply]: 'mul',
  [tf.RealDiv]: 'div',
  [tf.SquaredDifference]: 'squaredDifference',
  [tf.Maximum]: 'maximum',
  [tf.Minimum]: 'minimum',
  [tf.Pow]: 'pow',
};

export function elementwiseKernels(ctx: NativeContext) {
  return [
    ...Object.entries(UNARY_KERNELS).map(([kernelName, op]) => nativeKernel(ctx, kernelName, ({ inputs, backend }) => unaryOp(ctx, backend, op, inputs.x!))),
    ...Object.entries(BINARY_KERNELS).map(([kernelName, op]) => nativeKernel(ctx, kernelName, ({ inputs, backend }) => binaryOp(ctx, backend, op, inputs.a!, inputs.b!))),
  ];
}
