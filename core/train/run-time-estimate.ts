// The time of a whole training run: its steps (time-estimate.ts) and the memory it
// touches for the first time, which a step's estimate leaves out because the steps it is
// calibrated against had warmed up. Fresh memory costs page faults and zeroing, at the
// probe's freshMemoryBandwidth:
//  - the first step allocates everything: each parameter's first update (a buffer of its
//    own), the gradients, AdamW's two moments, and the step's activations and their
//    gradients;
//  - with dynamic padding, a batch longer than the buffers the last steps left (or less
//    than half as long) finds no recycled buffer for its activations (native-cpu's pool,
//    buffer-pool.ts: a buffer serves an output of its own size class, 1/8 apart, down to
//    half its size) and allocates them afresh. Activations over tokens grow with the batch
//    length T, attention's [batch, heads, T, T] with T².
// bert-base on 400 SST-2 sentences allocated ~9.5 GB afresh over its 25 steps, ~2.5 GB
// of it in the first; a few seconds at ~2 GB/s, on top of the steps' own time.
import type { ThroughputProbe } from '../backend/throughput-probe-format';
import type { BertConfig } from '../model/config';
import { batchLengthDistribution, estimateMeanStepSeconds, estimateStepSeconds, type LengthBin, type StepShape } from './time-estimate';

/** What a run's steps have in common; each step's batch length varies. */
export type RunShape = Omit<StepShape, 'seqLen' | 'mode'>;

/** Backends that recycle buffers by size class (buffer-pool.ts), for which a batch of another length means fresh buffers. */
const POOLED_BACKENDS = new Set(['native-cpu']);
/** A recycled buffer serves an output of its own size class (1/8 apart) down to half its size (buffer-pool.ts). */
const CLASS_STEP = 1 / 8;
const MAX_REUSE_SLACK = 2;
/** Rounds of the chain in meanFreshFloatsPerStep: each miss jumps straight to a drawn length, so it mixes within a few. */
const STATIONARY_ROUNDS = 30;
/** Outputs of one layer's forward pass, per [tokens, hidden], [tokens, intermediate] and [batch, heads, T, T] element. */
const FORWARD_OUTPUTS = { hidden: 12, intermediate: 2, attention: 3 };
/** The backward pass writes a gradient for each. */
const OUTPUTS_WITH_GRADIENTS = 2;
/** Each trained parameter's first update: a buffer of its own, its gradient and AdamW's two moments. */
const FRESH_FLOATS_PER_PARAMETER = 4;

/**
 * Floats a training step's kernels write for activations and their gradients: the part
 * that grows with the batch length (tokens) and the part that grows with its square (attention).
 */
export function stepActivationFloats(config: BertConfig, batchSize: number, seqLen: number): { tokens: number; attention: number } {
  const { hidden_size: H, intermediate_size: I, num_attention_heads: A, num_hidden_layers: L } = config;
  const N = batchSize * seqLen;
  const layers = L * OUTPUTS_WITH_GRADIENTS;
  return {
    tokens: layers * N * (FORWARD_OUTPUTS.hidden * H + FORWARD_OUTPUTS.intermediate * I),
    attention: layers * FORWARD_OUTPUTS.attention * batchSize * A * seqLen * seqLen,
  };
}

/**
 * The pooled buffers' reach, per part of a step's activations: a step whose tensors fit
 * the buffers the last steps left (up to 1/8 longer, down to half as long) reuses them and
 * leaves them as they were; one that does not allocates its own, which the next steps then
 * reuse. `length` is the batch length those buffers were allocated for.
 */
interface PooledReach {
  length: number;
}

/** Whether a step at `seqLen` misses buffers allocated for `length`, for a part that grows with the batch length to `power`. */
function misses(length: number, seqLen: number, power: 1 | 2): boolean {
  const ratio = (seqLen / length) ** power;
  return ratio > 1 + CLASS_STEP || ratio < 1 / MAX_REUSE_SLACK;
}

/** Floats a step at `seqLen` allocates afresh, given the buffers' reach (updated in place: a miss leaves buffers of this length). */
function freshStepFloats(config: BertConfig, batchSize: number, seqLen: number, reach: { tokens: PooledReach; attention: PooledReach }): number {
  const floats = stepActivationFloats(config, batchSize, seqLen);
  let fresh = 0;
  if (misses(reach.tokens.length, seqLen, 1)) [fresh, reach.tokens.length] = [fresh + floats.tokens, seqLen];
  if (misses(reach.attention.length, seqLen, 2)) [fresh, reach.attention.length] = [fresh + floats.attention, seqLen];
  return fresh;
}

/** Floats allocated afresh by the steps after the first over these batch lengths, in order (the first step allocates for its own). */
export function freshFloatsAfterFirstStep(config: BertConfig, batchSize: number, lengths: readonly number[]): number[] {
  const reach = { tokens: { length: lengths[0] ?? 1 }, attention: { length: lengths[0] ?? 1 } };
  return lengths.slice(1).map((seqLen) => freshStepFloats(config, batchSize, seqLen, reach));
}

/**
 * The mean floats a step allocates afresh when batch lengths are drawn independently from
 * `lengths` ([length, probability]): the reach of the pooled buffers is a Markov chain over
 * the lengths (a miss moves it to the step's length), taken at its stationary distribution.
 */
export function meanFreshFloatsPerStep(config: BertConfig, batchSize: number, lengths: readonly [number, number][]): number {
  let mean = 0;
  for (const [part, power] of [['tokens', 1], ['attention', 2]] as const) {
    const floats = new Map(lengths.map(([length]) => [length, stepActivationFloats(config, batchSize, length)[part]]));
    let reach = new Map(lengths.map(([length, p]) => [length, p])); // start anywhere: it converges
    for (let round = 0; round < STATIONARY_ROUNDS; round++) {
      const next = new Map(lengths.map(([length]) => [length, 0]));
      for (const [from, q] of reach) {
        for (const [seqLen, p] of lengths) {
          const to = misses(from, seqLen, power) ? seqLen : from;
          next.set(to, next.get(to)! + q * p);
        }
      }
      reach = next;
    }
    for (const [from, q] of reach) for (const [seqLen, p] of lengths) if (misses(from, seqLen, power)) mean += q * p * floats.get(seqLen)!;
  }
  return mean;
}

/** Floats the first step allocates: every trained parameter's update, gradient and moments, and its activations. */
export function firstStepFreshFloats(config: BertConfig, batchSize: number, seqLen: number, trainableParameters: number): number {
  const floats = stepActivationFloats(config, batchSize, seqLen);
  return FRESH_FLOATS_PER_PARAMETER * trainableParameters + floats.tokens + floats.attention;
}

function freshSeconds(floats: number, probe: ThroughputProbe): number {
  return (4 * floats) / probe.freshMemoryBandwidth;
}

/** Seconds of a training run over these batches, in order (each its size and padded length). */
export function estimateRunSeconds(config: BertConfig, shape: RunShape, batches: readonly { batchSize: number; seqLen: number }[], probe: ThroughputProbe, parameters: number): number {
  const steps = batches.reduce((sum, batch) => sum + estimateStepSeconds(config, { ...shape, ...batch, mode: 'train' }, probe, parameters), 0);
  const first = batches[0] ? firstStepFreshFloats(config, batches[0].batchSize, batches[0].seqLen, parameters) : 0;
  const later = POOLED_BACKENDS.has(probe.backend) ? freshFloatsAfterFirstStep(config, shape.batchSize, batches.map((batch) => batch.seqLen)).reduce((a, b) => a + b, 0) : 0;
  return steps + freshSeconds(first + later, probe);
}

/** A run's time as its mean step (batch lengths drawn from the data's histogram, independently) and what its first step adds. */
export interface TrainingTimeEstimate {
  secondsPerStep: number;
  /** Once per run: the first step's fresh memory. */
  firstStepSeconds: number;
}

/**
 * The Review step's and the ETA's estimate: the mean step over the batch lengths of a data
 * set under dynamic padding (or at `seqLen` without a histogram), with what consecutive
 * batches of different lengths allocate afresh, and the first step's fresh memory.
 */
export function estimateTrainingTime(config: BertConfig, shape: RunShape & { seqLen: number }, probe: ThroughputProbe, parameters: number, histogram?: readonly LengthBin[]): TrainingTimeEstimate {
  const step = estimateMeanStepSeconds(config, { ...shape, mode: 'train' }, probe, parameters, histogram);
  const lengths = histogram ? batchLengthDistribution(histogram, shape.batchSize, shape.seqLen) : ([[shape.seqLen, 1]] as [number, number][]);
  const fresh = POOLED_BACKENDS.has(probe.backend) ? meanFreshFloatsPerStep(config, shape.batchSize, lengths) : 0;
  const first = lengths.reduce((sum, [length, p]) => sum + p * firstStepFreshFloats(config, shape.batchSize, length, parameters), 0);
  return { secondsPerStep: step + freshSeconds(fresh, probe), firstStepSeconds: freshSeconds(first, probe) };
}
