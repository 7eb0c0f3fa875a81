// What the throughput probe (throughput-probe.ts) measures, apart from the measuring, so
// that code which only reads a probe (the service's cache, the time estimates) does not
// load TensorFlow.js.
/** GFLOP/s of products whose dimensions have this geometric mean. */
export interface RatePoint {
  size: number;
  gflops: number;
}

export interface ThroughputProbe {
  backend: string;
  /** Plain 2-D products, [size, size] x [size, size]. */
  gemm: RatePoint[];
  /** Attention's batched products, [16, T, 64] x [16, 64, T] (size: their geometric mean). */
  batchedGemm: RatePoint[];
  /** Bytes a second moved by an element-wise op over a tensor far larger than the caches. */
  bandwidth: number;
  /** Seconds of a kernel call that does next to nothing. */
  opSeconds: number;
  /**
   * Bytes a second at which memory never written before becomes usable (the page faults
   * and zeroing of a fresh array), on top of the cost of writing it.
   */
  freshMemoryBandwidth: number;
  /** ISO time of the measurement. */
  measuredAt: string;
}

/** The probe's fields and what they mean; a cache keyed on it measures again when it changes. */
export const PROBE_FORMAT = 2;
