// A short measurement of what the active backend does per second, so that the time of a
// training step can be estimated for any model before it has ever run here (see
// core/train/time-estimate.ts): matrix products at a few sizes (their speed grows with
// size, 3x between bert-tiny's and bert-base's), attention-shaped batched products, an
// element-wise pass over a large tensor (memory bandwidth), a tiny op (the fixed cost
// of a kernel call), and the first writes to memory never used before (the page faults a
// run's first step and its first longer batches pay). It takes a few seconds; callers
// cache it per backend and machine (with PROBE_FORMAT, so that a cached probe of an older
// format is measured again).
import * as tf from '../tf';
import { median } from '../metrics/spread';
import type { RatePoint, ThroughputProbe } from './throughput-probe-format';

const GEMM_SIZES = [64, 128, 256, 512, 1024];
const FRESH_FLOATS = 1 << 23; // 32 MB
const ATTENTION_LENGTHS = [32, 128, 512];
const HEAD_SIZE = 64;
const SLOW_PRODUCT_SECONDS = 0.2;
const ATTENTION_BATCH = 16;

/** Median seconds of `run`, after one untimed call; `run` must wait for its result. */
async function timed(run: () => Promise<void>, repeats: number): Promise<number> {
  await run();
  const times: number[] = [];
  for (let i = 0; i < repeats; i++) {
    const started = performance.now();
    await run();
    times.push((performance.now() - started) / 1000);
  }
  return median(times);
}

/**
 * Computes `f` and reads one value of it back, so that asynchronous backends finish; the
 * read is a gathered copy of one element, never a copy of the whole result (which would be
 * timed too; a slice would be a view, which keeps the result's buffer from being reused).
 */
async function evaluate(f: () => tf.Tensor): Promise<void> {
  const first = tf.tidy(() => tf.gather(tf.reshape(f(), [-1]), tf.tensor1d([0], 'int32')));
  await first.data();
  first.dispose();
}

export async function probeThroughput(): Promise<ThroughputProbe> {
  const gemm: RatePoint[] = [];
  for (const size of GEMM_SIZES) {
    const [a, b] = [tf.randomNormal([size, size]), tf.randomNormal([size, size])];
    // Bigger products take longer: fewer repeats keep the probe to a few seconds on wasm.
    const seconds = await timed(() => evaluate(() => tf.matMul(a, b)), size >= 512 ? 3 : 7);
    gemm.push({ size, gflops: (2 * size ** 3) / seconds / 1e9 });
    tf.dispose([a, b]);
    // A slow backend (the plain JavaScript one) would take minutes for the largest: its
    // rate has stopped growing by then, and the estimate takes the last one beyond.
    if (seconds > SLOW_PRODUCT_SECONDS) break;
  }
  const batchedGemm: RatePoint[] = [];
  for (const T of ATTENTION_LENGTHS) {
    const [q, k] = [tf.randomNormal([ATTENTION_BATCH, T, HEAD_SIZE]), tf.randomNormal([ATTENTION_BATCH, T, HEAD_SIZE])];
    const seconds = await timed(() => evaluate(() => tf.matMul(q, k, false, true)), 5);
    batchedGemm.push({ size: Math.cbrt(T * T * HEAD_SIZE), gflops: (2 * ATTENTION_BATCH * T * T * HEAD_SIZE) / seconds / 1e9 });
    tf.dispose([q, k]);
    if (seconds > SLOW_PRODUCT_SECONDS) break;
  }
  const big = tf.randomNormal([1 << 23]); // 32 MB, far past any cache
  const bandwidth = (3 * 4 * big.size) / (await timed(() => evaluate(() => tf.add(big, big)), 5));
  big.dispose();
  const tiny = tf.ones([4]);
  const calls = 100;
  const chain = () => {
    let x = tiny;
    for (let i = 0; i < calls; i++) x = tf.add(x, tiny);
    return x;
  };
  const opSeconds = (await timed(() => evaluate(chain), 5)) / calls;
  tiny.dispose();
  return { backend: tf.getBackend(), gemm, batchedGemm, bandwidth, opSeconds, freshMemoryBandwidth: await freshMemoryBandwidth(), measuredAt: new Date().toISOString() };
}

/**
 * Filling a new array against filling one already written: the difference is what fresh
 * memory costs (every backend's tensors are typed arrays or buffers the operating system
 * hands out page by page). Each fresh array is let go before the next one.
 */
async function freshMemoryBandwidth(): Promise<number> {
  const reused = new Float32Array(FRESH_FLOATS);
  const rewrite = await timed(async () => void reused.fill(1), 5);
  const fresh = await timed(async () => void new Float32Array(FRESH_FLOATS).fill(1), 5);
  return (4 * FRESH_FLOATS) / Math.max(fresh - rewrite, 1e-6);
}
