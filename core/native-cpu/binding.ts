// What the compiled addon (src/addon.cc) exports. Tensors cross as their backing typed
// arrays (shared, not copied); shapes, strides and permutations as Int32Arrays.

/** Op codes shared with src/kernels.h; the order must match the C++ enums. */
export const UNARY_OPS = ['exp', 'erf', 'sqrt', 'rsqrt', 'square', 'neg', 'tanh', 'log', 'floor', 'abs', 'reciprocal', 'sigmoid', 'relu'] as const;
export type UnaryOpName = (typeof UNARY_OPS)[number];

export const BINARY_OPS = ['add', 'sub', 'mul', 'div', 'squaredDifference', 'maximum', 'minimum', 'pow'] as const;
export type BinaryOpName = (typeof BINARY_OPS)[number];

export const REDUCE_OPS = ['sum', 'mean', 'max', 'min'] as const;
export type ReduceOpName = (typeof REDUCE_OPS)[number];

export interface NativeCpuInfo {
  /** Threads every kernel uses, GEMMs included (the calling thread counts). */
  threads: number;
  /** OpenBLAS's build description, e.g. "OpenBLAS 0.3.21 DYNAMIC_ARCH ... Cooperlake". */
  blas: string;
}

export interface NativeCpuBinding {
  /** out[i] = op(a[aBatch[i]]) · op(b[bBatch[i]]); a matrices hold m·k floats, b k·n, out m·n. */
  matmul(a: Float32Array, b: Float32Array, out: Float32Array, m: number, n: number, k: number, transposeA: boolean, transposeB: boolean, aBatch: Int32Array, bBatch: Int32Array): void;
  unary(op: number, x: Float32Array, out: Float32Array): void;
  /** Strided broadcast: a stride of 0 repeats an input along that output axis. */
  binary(op: number, a: Float32Array, aStrides: Int32Array, b: Float32Array, bStrides: Int32Array, out: Float32Array, outShape: Int32Array): void;
  softmax(x: Float32Array, out: Float32Array, rows: number, cols: number): void;
  /** Reduces the middle axis of x seen as [outer, reduced, inner]. */
  reduce(op: number, x: Float32Array, out: Float32Array, outer: number, reduced: number, inner: number): void;
  transpose<T extends Float32Array | Int32Array>(x: T, out: T, shape: Int32Array, perm: Int32Array): void;
  gatherRows(table: Float32Array, rows: number, cols: number, indices: Int32Array, out: Float32Array): void;
  scatterAddRows(indices: Int32Array, updates: Float32Array, cols: number, out: Float32Array, rows: number): void;
  /** One AdamW step in one pass (src/optimizer.cc): writes paramOut, mOut, vOut. */
  adamw(param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, paramOut: Float32Array, mOut: Float32Array, vOut: Float32Array, decay: number, beta1: number, beta2: number, bc2Sqrt: number, eps: number, stepSize: number): void;
  setThreads(threads: number): void;
  info(): NativeCpuInfo;
}

export function opCode<T extends string>(ops: readonly T[], name: T): number {
  return ops.indexOf(name);
}
