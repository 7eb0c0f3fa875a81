// The pre-flight check refuses what cannot fit the backend before a run starts, naming
// the limit and what to change, and switches gradient checkpointing on where that is
// what makes a run fit.
import { describe, expect, it } from 'vitest';
import { knownLimits } from '../backend/limits';
import { presetConfig, type PresetName } from '../model/config';
import { parameterShapes } from '../model/layout';
import { preflight, type PreflightInput } from './preflight';

const GiB = 2 ** 30;

function input(preset: PresetName, batchSize: number, overrides: Partial<PreflightInput> = {}): PreflightInput {
  const config = presetConfig(preset);
  return {
    modelLabel: preset,
    config,
    head: 'sequence-classification',
    batchSize,
    seqLen: 128,
    gradientAccumulationSteps: 1,
    gradientCheckpointing: false,
    trainable: [...parameterShapes(config, { pooler: true, head: 'sequence-classification' }).keys()],
    limits: knownLimits('native-cpu'),
    freeMemoryBytes: 20 * GiB,
    ...overrides,
  };
}

describe('pre-flight', () => {
  it('lets what fits train as configured', () => {
    const verdict = preflight(input('bert-base', 8));
    expect(verdict).toMatchObject({ fits: true, gradientCheckpointing: false, notes: [] });
  });

  it("on wasm, switches gradient checkpointing on where the 4 GiB heap is too small without it", () => {
    const verdict = preflight(input('bert-base', 16, { limits: knownLimits('wasm') }));
    expect(verdict.fits).toBe(true);
    if (!verdict.fits) return;
    expect(verdict.gradientCheckpointing).toBe(true);
    expect(verdict.notes[0]).toMatch(/gradient_checkpointing is on for this run: without it bert-base at batch 16 × 128 tokens needs about 6\.\d GiB, more than the wasm backend's 4\.0 GiB heap/);
  });

  it('on wasm, refuses bert-large before it starts, naming the heap and what to change', () => {
    const verdict = preflight(input('bert-large', 8, { limits: knownLimits('wasm') }));
    expect(verdict.fits).toBe(false);
    if (verdict.fits) return;
    expect(verdict.message).toMatch(/^bert-large at batch 8 × 128 tokens needs about 5\.\d GiB even with gradient checkpointing, more than the wasm backend's 4\.0 GiB heap \(WebAssembly memory stops there\): its weights, gradients and AdamW state alone take 5\.\d GiB: train fewer layers .*build the native CPU backend/);
  });

  it('suggests a smaller batch with more accumulation when free memory is short', () => {
    const verdict = preflight(input('bert-base', 64, { freeMemoryBytes: 3.2 * GiB }));
    expect(verdict.fits).toBe(false);
    if (verdict.fits) return;
    expect(verdict.message).toMatch(/more than the 3\.2 GiB of memory free on this machine: set batch_size (\d+) with gradient_accumulation_steps (\d+)/);
    const [, b, k] = /batch_size (\d+) with gradient_accumulation_steps (\d+)/.exec(verdict.message)!;
    expect(Number(b) * Number(k)).toBe(64);
  });

  it('refuses a tensor larger than the WebGPU device binds', () => {
    const verdict = preflight(input('bert-large', 8, { limits: { backend: 'webgpu', tensorBytes: 100 * 2 ** 20 } }));
    expect(verdict).toMatchObject({ fits: false });
    if (!verdict.fits) expect(verdict.message).toMatch(/needs a 119 MiB tensor, more than the webgpu device allows in one buffer \(maxStorageBufferBindingSize 100 MiB\)/);
  });
});
