// BatchMatMul and _FusedMatMul on OpenBLAS: every transpose combination, batched and
// broadcast batch dimensions, all at GEMM speed (wasm sends only plain 2-D products to its
// fast kernel; attention's 4-D products and every transposed gradient product crawl there).
import * as tf from '../../tf';
import { binaryOp, unaryOp } from './elementwise';
import { floatValues, nativeKernel, sizeOf, stridesOf, type CpuStorageBackend, type NativeContext, type NativeKernelArgs } from './storage';

interface MatmulShapes {
  m: number;
  n: number;
  k: number;
  outShape: number[];
  /** For each output matrix, the index of the a and b matrix it multiplies. */
  aBatch: Int32Array;
  bBatch: Int32Array;
}

/** TF.js's matmul shape rules, with numpy broadcasting of the batch dimensions. */
export function matmulShapes(aShape: readonly number[], bShape: readonly number[], transposeA: boolean, transposeB: boolean): MatmulShapes {
  const [aRows, aCols] = aShape.slice(-2) as [number, number];
  const [bRows, bCols] = bShape.slice(-2) as [number, number];
  const m = transposeA ? aCols : aRows;
  const k = transposeA ? aRows : aCols;
  const kB = transposeB ? bCols : bRows;
  const n = transposeB ? bRows : bCols;
  if (k !== kB) {
    throw new Error(`Error in matMul: inner shapes (${k}) and (${kB}) of Tensors with shapes ${aShape} and ${bShape} and transposeA=${transposeA} and transposeB=${transposeB} must match.`);
  }
  const outerA = aShape.slice(0, -2);
  const outerB = bShape.slice(0, -2);
  const outer = tf.broadcast_util.assertAndGetBroadcastShape(outerA, outerB);
  return { m, n, k, outShape: [...outer, m, n], aBatch: batchIndices(outerA, outer), bBatch: batchIndices(outerB, outer) };
}

/** For each position of the broadcast batch shape, the flat index into `shape`'s batch. */
function batchIndices(shape: readonly number[], outer: readonly number[]): Int32Array {
  const count = sizeOf(outer);
  const indices = new Int32Array(count);
  const offset = outer.length - shape.length;
  const strides = stridesOf(shape);
  const outerStrides = stridesOf(outer);
  for (let i = 0; i < count; i++) {
    let index = 0;
    for (let axis = 0; axis < shape.length; axis++) {
      if (shape[axis] === 1) continue; // broadcast: always the first along this axis
      const position = Math.floor(i / outerStrides[axis + offset]!) % outer[axis + offset]!;
      index += position * strides[axis]!;
    }
    indices[i] = index;
  }
  return indices;
}

/** op(a) · op(b), plus `bias` ([n] floats) on every row when given: SGEMM adds the product to rows that start as the bias. */
function matmul(ctx: NativeContext, backend: CpuStorageBackend, a: tf.TensorInfo, b: tf.TensorInfo, transposeA: boolean, transposeB: boolean, bias?: Float32Array): tf.TensorInfo | undefined {
  const aValues = floatValues(backend, a);
  const bValues = floatValues(backend, b);
  if (!aValues || !bValues) return undefined;
  const shapes = matmulShapes(a.shape, b.shape, transposeA, transposeB);
  const out = ctx.pool.allocate(sizeOf(shapes.outShape));
  ctx.binding.matmul(aValues, bValues, out, shapes.m, shapes.n, shapes.k, transposeA, transposeB, shapes.aBatch, shapes.bBatch, bias);
  return backend.makeTensorInfo(shapes.outShape, 'float32', out);
}

/** A bias that adds the same n floats to every row of the product: [n] or [1, ..., 1, n]. */
function rowBias(backend: CpuStorageBackend, bias: tf.TensorInfo | undefined, n: number): Float32Array | undefined {
  if (!bias || bias.shape.at(-1) !== n || bias.shape.slice(0, -1).some((dim) => dim !== 1)) return undefined;
  return floatValues(backend, bias);
}

function batchMatMulKernel(ctx: NativeContext) {
  return nativeKernel(ctx, tf.BatchMatMul, ({ inputs, backend, attrs }: NativeKernelArgs) =>
    matmul(ctx, backend, inputs.a!, inputs.b!, Boolean(attrs.transposeA), Boolean(attrs.transposeB)),
  );
}

/** Activations applied in place of a separate kernel; others run on the cpu backend. */
const FUSED_ACTIVATIONS = new Set(['linear', 'relu', 'sigmoid']);

function fusedMatMulKernel(ctx: NativeContext) {
  return nativeKernel(ctx, tf._FusedMatMul, ({ inputs, backend, attrs }: NativeKernelArgs) => {
    const activation = String(attrs.activation ?? 'linear');
    if (!FUSED_ACTIVATIONS.has(activation) || inputs.preluActivationWeights) return undefined;
    const [transposeA, transposeB] = [Boolean(attrs.transposeA), Boolean(attrs.transposeB)];
    const n = transposeB ? inputs.b!.shape.at(-2)! : inputs.b!.shape.at(-1)!;
    const bias = rowBias(backend, inputs.bias, n);
    const product = matmul(ctx, backend, inputs.a!, inputs.b!, transposeA, transposeB, bias);
    if (!product) return undefined;
    let result = product;
    if (inputs.bias && !bias) {
      const withBias = binaryOp(ctx, backend, 'add', result, inputs.bias);
      if (!withBias) {
        backend.disposeIntermediateTensorInfo(product);
        return undefined;
      }
      backend.disposeIntermediateTensorInfo(result);
      result = withBias;
    }
    if (activation === 'linear') return result;
    const activated = unaryOp(ctx, backend, activation === 'relu' ? 'relu' : 'sigmoid', result)!;
    backend.disposeIntermediateTensorInfo(result);
    return activated;
  });
}

export function matmulKernels(ctx: NativeContext) {
  return [batchMatMulKernel(ctx), fusedMatMulKernel(ctx)];
}
