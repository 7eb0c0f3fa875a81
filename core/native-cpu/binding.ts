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
  /** out[i] = op(a[aBatch[i]]) · op(b[bBatch[i]]) (+ bias, n floats, on every row); a matrices hold m·k floats, b k·n, out m·n. */
  matmul(a: Float32Array, b: Float32Array, out: Float32Array, m: number, n: number, k: number, transposeA: boolean, transposeB: boolean, aBatch: Int32Array, bBatch: Int32Array, bias?: Float32Array): void;
  /**
   * out(i, h) = op(a(i, h)) · op(b(i, h)) for batch items i and heads h; each operand's
   * strides are [batch, head, row] (src/kernels.h HeadStrides): a head's slice of
   * [B, T, heads · D] or a packed [B, heads, R, C] matrix, read and written in place.
   */
  headsMatmul(a: Float32Array, aStrides: Int32Array, b: Float32Array, bStrides: Int32Array, out: Float32Array, outStrides: Int32Array, batch: number, heads: number, m: number, n: number, k: number, transposeA: boolean, transposeB: boolean): void;
  unary(op: number, x: Float32Array, out: Float32Array): void;
  /** Strided broadcast: a stride of 0 repeats an input along that output axis. */
  binary(op: number, a: Float32Array, aStrides: Int32Array, b: Float32Array, bStrides: Int32Array, out: Float32Array, outShape: Int32Array): void;
  softmax(x: Float32Array, out: Float32Array, rows: number, cols: number): void;
  /** Reduces the middle axis of x seen as [outer, reduced, inner]. */
  reduce(op: number, x: Float32Array, out: Float32Array, outer: number, reduced: number, inner: number): void;
  transpose<T extends Float32Array | Int32Array>(x: T, out: T, shape: Int32Array, perm: Int32Array): void;
  gatherRows(table: Float32Array, rows: number, cols: number, indices: Int32Array, out: Float32Array): void;
  scatterAddRows(indices: Int32Array, updates: Float32Array, cols: number, out: Float32Array, rows: number): void;
  /** One AdamW step in one pass (src/optimizer.cc): writes paramOut, mOut, vOut. The gradient is multiplied by gradScale first (clipping). */
  adamw(param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, paramOut: Float32Array, mOut: Float32Array, vOut: Float32Array, decay: number, beta1: number, beta2: number, bc2Sqrt: number, eps: number, stepSize: number, gradScale: number): void;
  /** The same step written over param, m and v. */
  adamwInPlace(param: Float32Array, grad: Float32Array, m: Float32Array, v: Float32Array, decay: number, beta1: number, beta2: number, bc2Sqrt: number, eps: number, stepSize: number, gradScale: number): void;
  /** Σ x², accumulated in double. */
  sumSquares(x: Float32Array): number;
  /** out = x · scale where the seeded hash of the element index is >= rate, else 0 (src/dropout.cc). */
  dropout(x: Float32Array, out: Float32Array, rate: number, scale: number, seed: number): void;
  layerNorm(x: Float32Array, gamma: Float32Array, beta: Float32Array, y: Float32Array, mean: Float32Array, rstd: Float32Array, rows: number, cols: number, eps: number): void;
  layerNormGrad(dy: Float32Array, x: Float32Array, mean: Float32Array, rstd: Float32Array, gamma: Float32Array, dx: Float32Array, dgamma: Float32Array, dbeta: Float32Array, rows: number, cols: number): void;
  /** y = gelu(x + bias) over [rows, cols]. */
  biasGelu(x: Float32Array, bias: Float32Array, y: Float32Array, rows: number, cols: number): void;
  biasGeluGrad(dy: Float32Array, x: Float32Array, bias: Float32Array, dx: Float32Array, dbias: Float32Array, rows: number, cols: number): void;
  /** probs = softmax(scores / divisor + bias[b]) over rows of [batch, rowsPerBatch, cols]. */
  attentionProbs(scores: Float32Array, bias: Float32Array, probs: Float32Array, batch: number, rowsPerBatch: number, cols: number, divisor: number): void;
  attentionProbsGrad(probs: Float32Array, dprobs: Float32Array, dscores: Float32Array, rows: number, cols: number, divisor: number): void;
  /** Mean softmax cross-entropy over the rows whose label is not ignoreIndex. */
  crossEntropy(logits: Float32Array, labels: Int32Array, rows: number, cols: number, ignoreIndex: number): number;
  crossEntropyGrad(logits: Float32Array, labels: Int32Array, dloss: number, dlogits: Float32Array, rows: number, cols: number, ignoreIndex: number): void;
  /** Detaches an ArrayBuffer, freeing its memory at once (no garbage collection needed); for buffers nothing else can see. */
  detach(buffer: ArrayBufferLike): void;
  setThreads(threads: number): void;
  info(): NativeCpuInfo;
}

export function opCode<T extends string>(ops: readonly T[], name: T): number {
  return ops.indexOf(name);
}
