// The run-level time estimate: what a run adds to its steps (fresh memory in its first
// step and, under dynamic padding, in the batches the pooled buffers do not fit), and the
// step estimate's loop overhead (kernel calls per parameter tensor and for the stem).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import type { ThroughputProbe } from '../backend/throughput-probe-format';
import { countParameters, presetConfig, type BertConfig } from '../model/config';
import { BertModel } from '../model/model';
import { registerNativeCpuBackendNode } from '../native-cpu/native-cpu-node';
import { nativeCpuBuilt } from '../native-cpu/test-backends-node';
import { estimateRunSeconds, estimateTrainingTime, firstStepFreshFloats, freshFloatsAfterFirstStep, meanFreshFloatsPerStep, stepActivationFloats } from './run-time-estimate';
import { parseTrainingSettings } from './settings';
import { estimateMeanStepSeconds, estimateStepSeconds, stepWork } from './time-estimate';
import { Trainer } from './trainer';

const mini = presetConfig('bert-mini');
const parameters = countParameters(mini, { head: 'sequence-classification', pooler: true });

function probe(backend: string): ThroughputProbe {
  const rates = [64, 256, 1024].map((size) => ({ size, gflops: 50 }));
  return { backend, gemm: rates, batchedGemm: rates, bandwidth: 10e9, opSeconds: 20e-6, freshMemoryBandwidth: 2e9, measuredAt: '2026-12-01T00:00:00Z' };
}

describe('fresh memory of a run', () => {
  it('a step reuses what the last steps left when its batch is up to 1/8 longer or down to half as long', () => {
    expect(freshFloatsAfterFirstStep(mini, 16, [40, 42, 30, 29])).toEqual([0, 0, 0]); // attention (T²): 42² / 40² = 1.10, 29² / 40² = 0.53
  });

  it('a longer batch allocates its activations afresh, attention\'s part (T²) already at a smaller growth', () => {
    const at = (seqLen: number) => stepActivationFloats(mini, 16, seqLen);
    expect(freshFloatsAfterFirstStep(mini, 16, [40, 44])).toEqual([at(44).attention]); // tokens 1.10, attention 1.21
    expect(freshFloatsAfterFirstStep(mini, 16, [40, 46])).toEqual([at(46).tokens + at(46).attention]); // 1.15 and 1.32
  });

  it('buffers keep the length they were allocated for while shorter batches reuse them (the reach ratchets)', () => {
    const at = (seqLen: number) => stepActivationFloats(mini, 16, seqLen);
    const [after56, after36, after37] = freshFloatsAfterFirstStep(mini, 16, [56, 36, 37, 23]);
    expect(after56).toBe(at(36).attention); // (36/56)² < 1/2; 36/56 is not
    expect(after36).toBe(0); // 37 fits the buffers 36 left for attention and 56 left for tokens
    expect(after37).toBe(at(23).tokens + at(23).attention); // 23 is less than half of 56, and (23/36)² too
  });

  it('the first step allocates every trained parameter four times over (its update, gradient and moments) and its activations', () => {
    const { tokens, attention } = stepActivationFloats(mini, 16, 40);
    expect(firstStepFreshFloats(mini, 16, 40, parameters)).toBe(4 * parameters + tokens + attention);
  });

  it('the mean over independent draws: none for one length, more the wider the lengths spread', () => {
    expect(meanFreshFloatsPerStep(mini, 16, [[40, 1]])).toBe(0);
    const narrow = meanFreshFloatsPerStep(mini, 16, [[38, 0.5], [40, 0.5]]);
    const wide = meanFreshFloatsPerStep(mini, 16, [[20, 0.5], [60, 0.5]]);
    expect(narrow).toBe(0);
    expect(wide).toBeGreaterThan(0);
    // Half the draws after a 20-step are 60s (a miss); after a 60, a 20 is less than half (a miss): every other step on average.
    const at60 = stepActivationFloats(mini, 16, 60);
    const at20 = stepActivationFloats(mini, 16, 20);
    expect(wide).toBeCloseTo(0.25 * (at60.tokens + at60.attention) + 0.25 * (at20.tokens + at20.attention), -2);
  });
});

describe('the run estimate', () => {
  const native = probe('native-cpu');
  const steps = (lengths: number[]) => lengths.reduce((sum, seqLen) => sum + estimateStepSeconds(mini, { batchSize: 16, seqLen, mode: 'train' }, native, parameters), 0);

  it('is its steps, the first step\'s fresh memory and the fresh memory of batches the pool does not fit', () => {
    const lengths = [40, 60, 20, 41];
    const batches = lengths.map((seqLen) => ({ batchSize: 16, seqLen }));
    const fresh = firstStepFreshFloats(mini, 16, 40, parameters) + freshFloatsAfterFirstStep(mini, 16, lengths).reduce((a, b) => a + b, 0);
    expect(estimateRunSeconds(mini, { batchSize: 16 }, batches, native, parameters)).toBeCloseTo(steps(lengths) + (4 * fresh) / native.freshMemoryBandwidth, 9);
  });

  it('charges changing lengths only on a backend that recycles buffers by size', () => {
    const batches = [40, 60, 20, 41].map((seqLen) => ({ batchSize: 16, seqLen }));
    const wasm = probe('wasm');
    const wasmSteps = batches.reduce((sum, b) => sum + estimateStepSeconds(mini, { ...b, mode: 'train' }, wasm, parameters), 0);
    expect(estimateRunSeconds(mini, { batchSize: 16 }, batches, wasm, parameters)).toBeCloseTo(wasmSteps + (4 * firstStepFreshFloats(mini, 16, 40, parameters)) / wasm.freshMemoryBandwidth, 9);
  });

  it('for the Review step: the mean step over the data\'s batch lengths with their fresh memory, and the first step apart', () => {
    const histogram = [{ from: 10, to: 11, count: 50 }, { from: 60, to: 61, count: 50 }];
    const shape = { batchSize: 2, seqLen: 128 };
    const time = estimateTrainingTime(mini, shape, native, parameters, histogram);
    const stepsAlone = estimateMeanStepSeconds(mini, { ...shape, mode: 'train' }, native, parameters, histogram);
    expect(time.secondsPerStep).toBeGreaterThan(stepsAlone);
    expect(time.firstStepSeconds).toBeGreaterThan(0);
    // One length: no batch misses the pooled buffers, and the mean step is the step.
    const constant = estimateTrainingTime(mini, { batchSize: 2, seqLen: 60 }, native, parameters);
    expect(constant.secondsPerStep).toBeCloseTo(estimateStepSeconds(mini, { batchSize: 2, seqLen: 60, mode: 'train' }, native, parameters), 12);
    expect(constant.firstStepSeconds).toBeCloseTo((4 * firstStepFreshFloats(mini, 2, 60, parameters)) / native.freshMemoryBandwidth, 12);
  });
});

describe.skipIf(!nativeCpuBuilt())('the step estimate\'s loop overhead', () => {
  beforeAll(async () => {
    registerNativeCpuBackendNode();
    await tf.setBackend('native-cpu');
  });

  /** Kernel calls of `updates` Trainer steps over 16 × 34 batches, the first (which creates the optimizer's moments) left out. */
  async function callsPerStep(config: BertConfig): Promise<number> {
    const run = async (updates: number) => {
      const model = BertModel.create(config, 'sequence-classification', { seed: 0 });
      const train = Array.from({ length: 16 * updates }, (_, i) => ({ inputIds: Array.from({ length: 34 }, (_, j) => 1000 + ((i * 7 + j) % 500)), label: i % 2 }));
      const settings = parseTrainingSettings({ batch_size: 16, num_train_epochs: 1, logging_steps: 1000 });
      const profile = await tf.profile(async () => void (await new Trainer({ model, train, settings }).train()));
      model.dispose();
      return profile.kernels.length;
    };
    return ((await run(3)) - (await run(1))) / 2;
  }

  // Three layers: neither preset the counts were taken from (bert-tiny's two, bert-mini's four).
  it('counts the kernel calls a training step makes, per layer, per parameter tensor and for the stem, within 10%', async () => {
    const config = { ...presetConfig('bert-tiny'), num_hidden_layers: 3, id2label: { '0': 'a', '1': 'b' } };
    const predicted = stepWork(config, { batchSize: 16, seqLen: 34, mode: 'train' }, 'native-cpu', countParameters(config, { head: 'sequence-classification', pooler: true })).kernelCalls;
    const counted = await callsPerStep(config);
    expect(Math.abs(predicted - counted) / counted, `${predicted} predicted, ${counted} counted`).toBeLessThan(0.1);
  });
});
