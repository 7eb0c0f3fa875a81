// How long a training (or inference) step of any BERT takes on this machine, before it
// has ever run here: the step's matrix products (bench/flops.ts's count, each at the
// speed the throughput probe measured for products of its size), its element-wise
// memory traffic at the measured bandwidth, and its kernel calls at the measured cost
// of one. With dynamic padding a batch is as long as its longest example, so a run's
// time averages the step time over the distribution of that length.
//
// The traffic and call counts are per encoder layer, counted from the kernels a step runs
// (fused on native-cpu: attention probabilities, LayerNorm, bias + GELU in one pass
// each; roughly three times as many passes where they are composed from TF.js ops), plus
// the calls of the embeddings, head and loss and those made once per parameter tensor
// (the gradient norm and AdamW update each one apart). What a whole run adds to its steps
// (memory touched for the first time) is run-time-estimate.ts's. The bench records the
// estimate next to the measured time (bench/RESULTS.md).
import type { RatePoint, ThroughputProbe } from '../backend/throughput-probe-format';
import type { BertConfig } from '../model/config';
import { headUsesPooler, parameterShapes, type HeadName } from '../model/layout';

export interface StepShape {
  batchSize: number;
  seqLen: number;
  mode: 'train' | 'infer';
  head?: HeadName;
  gradientCheckpointing?: boolean;
}

/** What one step is made of, before any machine's rates apply. */
export interface StepWork {
  /** [flops, geometric mean of the product's dimensions] of each kind of product, summed over the step. */
  gemm: { flops: number; size: number }[];
  batchedGemm: { flops: number; size: number }[];
  /** Bytes moved by element-wise kernels (activations, gradients, optimizer). */
  bytes: number;
  kernelCalls: number;
}

/** Backends whose hot chains are fused kernels (core/native-cpu/fused-ops.ts). */
const FUSED_BACKENDS = new Set(['native-cpu']);

/**
 * Per-layer element-wise passes, in floats per activation element, counted from the
 * kernels of a forward pass with fused chains: bias adds (5 products), two dropouts, two
 * residual adds, two LayerNorms — about 26 reads and writes of [tokens, hidden]; the
 * attention products read and write the heads in place — and bias + GELU over [tokens,
 * intermediate]; the attention probabilities and their dropout over [batch, heads, T, T].
 * Backward moves about twice as much.
 */
const HIDDEN_PASSES = 26;
const INTERMEDIATE_PASSES = 2;
const ATTENTION_PASSES = 4;
const BACKWARD_TRAFFIC = 2;
const COMPOSED_TRAFFIC = 3;
/**
 * Kernel calls, counted on native-cpu (2026-12-01, bert-tiny and bert-mini steps solved
 * for the three parts): each layer's forward (reshapes included) and backward; the
 * embeddings, pooler and head forward, and their backward with the loss, the gradient
 * norm's reduction and the step's end; and per trainable parameter tensor, its gradient's
 * identities, its sum of squares for the norm and its AdamW update.
 */
const LAYER_CALLS_FORWARD = 42;
const LAYER_CALLS_BACKWARD = 47;
const STEM_CALLS_FORWARD = 31;
const STEM_CALLS_BACKWARD = 53;
const CALLS_PER_PARAMETER_TENSOR = 5;
/** AdamW reads parameter, gradient and two moments and writes three; the norm reads the gradient once more. */
const OPTIMIZER_FLOATS_PER_PARAMETER = 8;

function product(m: number, k: number, n: number): { flops: number; size: number } {
  return { flops: 2 * m * k * n, size: Math.cbrt(m * k * n) };
}

export function stepWork(config: BertConfig, shape: StepShape, backend: string, parameters: number): StepWork {
  const { batchSize: B, seqLen: T, mode } = shape;
  const { hidden_size: H, intermediate_size: I, num_attention_heads: A, num_hidden_layers: L, vocab_size: V } = config;
  const N = B * T;
  const D = H / A;
  const train = mode === 'train';
  // Forward passes of the encoder: 1, or 3 for forward + backward (two products per
  // product), and one more to recompute with gradient checkpointing.
  const passes = train ? 3 + (shape.gradientCheckpointing ? 1 : 0) : 1;
  const layerProducts = [product(N, H, H), product(N, H, H), product(N, H, H), product(N, H, H), product(N, H, I), product(N, I, H)];
  const headProducts = shape.head === 'pretraining' ? [product(N, H, H), product(N, H, V)] : [product(B, H, H)];
  const gemm = [...layerProducts.map((p) => ({ flops: p.flops * L * passes, size: p.size })), ...headProducts.map((p) => ({ flops: p.flops * (train ? 3 : 1), size: p.size }))];
  const attention = product(T, D, T);
  const batchedGemm = [{ flops: 2 * attention.flops * B * A * L * passes, size: attention.size }];

  const fusedFactor = FUSED_BACKENDS.has(backend) ? 1 : COMPOSED_TRAFFIC;
  const forwardFloats = L * (HIDDEN_PASSES * N * H + INTERMEDIATE_PASSES * N * I + ATTENTION_PASSES * B * A * T * T) * fusedFactor;
  const activationFloats = forwardFloats * (train ? 1 + BACKWARD_TRAFFIC + (shape.gradientCheckpointing ? 1 : 0) : 1);
  // Training also zeroes and fills the word-embedding gradient and updates every parameter.
  const optimizerFloats = train ? OPTIMIZER_FLOATS_PER_PARAMETER * parameters + 2 * V * H : 0;
  const head = shape.head ?? 'sequence-classification';
  const tensors = train ? parameterShapes(config, { pooler: headUsesPooler(head), head }).size : 0;
  const layerCalls = L * (LAYER_CALLS_FORWARD + (train ? LAYER_CALLS_BACKWARD : 0)) * fusedFactor;
  const calls = layerCalls + STEM_CALLS_FORWARD + (train ? STEM_CALLS_BACKWARD + CALLS_PER_PARAMETER_TENSOR * tensors : 0);
  return { gemm, batchedGemm, bytes: 4 * (activationFloats + optimizerFloats), kernelCalls: calls };
}

/** The probe's rate at `size`, interpolated on log size between the measured points (the nearest end beyond them). */
export function rateAt(points: readonly RatePoint[], size: number): number {
  const sorted = [...points].sort((a, b) => a.size - b.size);
  const first = sorted[0];
  const last = sorted.at(-1);
  if (!first || !last) throw new Error('the throughput probe has no measurements');
  if (size <= first.size) return first.gflops;
  if (size >= last.size) return last.gflops;
  for (let i = 1; i < sorted.length; i++) {
    const hi = sorted[i]!;
    const lo = sorted[i - 1]!;
    if (size <= hi.size) {
      const t = Math.log(size / lo.size) / Math.log(hi.size / lo.size);
      return lo.gflops + t * (hi.gflops - lo.gflops);
    }
  }
  return last.gflops;
}

/** Seconds of one step on the probed machine and backend. */
export function estimateStepSeconds(config: BertConfig, shape: StepShape, probe: ThroughputProbe, parameters: number): number {
  const work = stepWork(config, shape, probe.backend, parameters);
  const gemmSeconds = work.gemm.reduce((sum, p) => sum + p.flops / (rateAt(probe.gemm, p.size) * 1e9), 0);
  const batchedSeconds = work.batchedGemm.reduce((sum, p) => sum + p.flops / (rateAt(probe.batchedGemm, p.size) * 1e9), 0);
  return gemmSeconds + batchedSeconds + work.bytes / probe.bandwidth + work.kernelCalls * probe.opSeconds;
}

/** A histogram of example lengths (tokens), as datasets/stats/lengths.ts gives it. */
export interface LengthBin {
  from: number;
  to: number;
  count: number;
}

/**
 * The distribution of a batch's length under dynamic padding: the longest of `batchSize`
 * examples drawn from the histogram, capped at `maxLength`; [length, probability] pairs,
 * taking each bin's upper end (to - 1) as its length.
 */
export function batchLengthDistribution(histogram: readonly LengthBin[], batchSize: number, maxLength: number): [number, number][] {
  const total = histogram.reduce((sum, bin) => sum + bin.count, 0);
  if (total === 0) return [[maxLength, 1]];
  const out = new Map<number, number>();
  let below = 0;
  for (const bin of histogram) {
    if (bin.count === 0) continue;
    const cdfBefore = below / total;
    below += bin.count;
    const cdf = below / total;
    const length = Math.min(Math.max(bin.to - 1, 1), maxLength);
    out.set(length, (out.get(length) ?? 0) + cdf ** batchSize - cdfBefore ** batchSize);
  }
  return [...out];
}

/** Mean seconds per step over the batch lengths of a data set (or at `shape.seqLen` without one). */
export function estimateMeanStepSeconds(config: BertConfig, shape: StepShape, probe: ThroughputProbe, parameters: number, histogram?: readonly LengthBin[]): number {
  if (!histogram) return estimateStepSeconds(config, shape, probe, parameters);
  return batchLengthDistribution(histogram, shape.batchSize, shape.seqLen).reduce((sum, [length, p]) => sum + p * estimateStepSeconds(config, { ...shape, seqLen: length }, probe, parameters), 0);
}
