// The WebGPU backend computes what PyTorch computes: the reference forward outputs within
// 1e-4, every head's gradients as on cpu, and the 12-step reference fine-tuning run within
// 2e-3 (with evaluation, a run-folder checkpoint and prediction), reading tensors only
// asynchronously (as Node requires), without leaking tensors.
//
// It runs on the Vulkan driver VK_ICD_FILENAMES names: Mesa's software one (lavapipe) from
// scripts/setup-lavapipe.sh on machines without a GPU. Where CI is set and there is none,
// the tests fail rather than skip, so that a broken GPU path cannot land.
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { loadHfModel } from '../checkpoint/hf-folder-node';
import { predictBatch } from '../model/prediction';
import { disposeInputs, readReferenceForward, REFERENCE_HEADS, referenceCheckpointDir, referenceGradients, toModelInputs } from '../model/testing';
import { RunFolderCheckpoints } from '../train/checkpoint-node';
import { classificationEvaluation } from '../train/evaluation';
import type { StepEvent, TrainerEvent } from '../train/events';
import { parseTrainingSettings } from '../train/settings';
import { readReferenceRun, referenceFeatures, referenceTrainingInput } from '../train/testing';
import { Trainer } from '../train/trainer';
import { nodeBackendCandidates } from './node-backends';
import { selectBackend, type BackendChoice } from './select';
import { maxAbsDiff } from '../metrics/differences';

const icd = process.env.VK_ICD_FILENAMES;
const missing =
  icd === undefined
    ? 'VK_ICD_FILENAMES is not set: run scripts/setup-lavapipe.sh, then `. .lavapipe/env.sh`, then the tests'
    : existsSync(icd)
      ? undefined
      : `VK_ICD_FILENAMES names ${icd}, which does not exist: run scripts/setup-lavapipe.sh`;

if (missing !== undefined && process.env.CI) {
  describe('webgpu', () => {
    it('has a Vulkan driver to run on', () => {
      throw new Error(`the WebGPU tests cannot run: ${missing}`);
    });
  });
} else {
  // Outside CI without a driver the real tests are listed as skipped, with the reason.
  if (missing !== undefined) console.warn(`webgpu tests skipped: ${missing}`);
  describe.skipIf(missing !== undefined)('webgpu', webGpuTests);
}

function webGpuTests(): void {
  const errors: string[] = [];
  let choice: BackendChoice;

  beforeAll(async () => {
    choice = await selectBackend(nodeBackendCandidates, 'webgpu');
  });
  afterAll(() => {
    if (errors.length > 0) console.log(`webgpu on ${choice.description}: ${errors.join('; ')}`);
  });

  it('names the adapter, and runs a software one only when forced', async () => {
    expect(tf.getBackend()).toBe('webgpu');
    const adapter = choice.adapter!;
    expect(adapter.vendor + adapter.device + adapter.description).not.toBe('');
    expect(choice.description).toContain(adapter.description);
    const webgpu = nodeBackendCandidates.find((c) => c.name === 'webgpu')!;
    if (adapter.fallback) await expect(webgpu.load({ forced: false })).rejects.toThrow('a software adapter, slower than the CPU backends');
    else await expect(webgpu.load({ forced: false })).resolves.toMatchObject({ adapter });
  });

  it('explains the reads Node cannot do and the tensors the GPU cannot hold', () => {
    const small = tf.tensor1d([1, 2, 3]).square();
    expect(() => small.dataSync()).toThrow('read it with `await tensor.data()`');
    small.dispose();
    // Refused before anything is allocated, so this costs nothing even on a GPU with a 4 GiB limit.
    const limit = (tf.backend() as WebGPUBackend).device.limits.maxStorageBufferBindingSize;
    expect(() => tf.fill([limit / 4 + 1], 1)).toThrow(`WebGPU limit maxStorageBufferBindingSize (${(limit / 2 ** 20).toFixed(0)} MiB)`);
  });

  const reference = readReferenceForward();
  it.each(REFERENCE_HEADS)('gives the reference outputs of %s within 1e-4', async (head) => {
    const { model } = await loadHfModel(referenceCheckpointDir(head));
    const inputs = toModelInputs(reference.inputs);
    const before = tf.memory().numTensors;
    const outputs = model.forward(inputs, { training: false });
    let worst = 0;
    for (const [name, values] of Object.entries(reference.checkpoints[head]!.outputs)) {
      const difference = maxAbsDiff(await outputs[name]!.array(), values);
      expect(difference, name).toBeLessThan(reference.tolerance.abs);
      worst = Math.max(worst, difference);
    }
    errors.push(`${head} forward max |diff| ${worst.toExponential(2)}`);
    tf.dispose(outputs);
    expect(tf.memory().numTensors).toBe(before);
    disposeInputs(inputs);
    model.dispose();
  });

  it.each(REFERENCE_HEADS)('gives the gradients of %s that cpu gives, within 1e-5', async (head) => {
    const cpu = await referenceGradients('cpu', head);
    const before = tf.memory().numTensors;
    const gpu = await referenceGradients('webgpu', head);
    expect(tf.memory().numTensors).toBe(before);
    expect(Math.abs(gpu.loss - cpu.loss)).toBeLessThan(1e-5);
    expect([...gpu.grads.keys()]).toEqual([...cpu.grads.keys()]);
    let worst = 0;
    for (const [name, grad] of cpu.grads) {
      const difference = maxAbsDiff(gpu.grads.get(name), grad);
      expect(difference, name).toBeLessThan(1e-5);
      worst = Math.max(worst, difference);
    }
    errors.push(`${head} gradients max |diff| from cpu ${worst.toExponential(2)}`);
  });

  it('reproduces the reference fine-tuning run, evaluates, checkpoints, predicts and leaks no tensors', async () => {
    const run = readReferenceRun();
    const runDir = mkdtempSync(join(tmpdir(), 'webgpu-run-'));
    const before = tf.memory().numTensors;
    const { model, tokenizer } = await loadHfModel(referenceCheckpointDir('sequence-classification'));
    const events: TrainerEvent[] = [];
    const features = referenceFeatures(run);
    const trainer = new Trainer({
      model,
      train: features,
      evaluation: classificationEvaluation(features, ['negative', 'neutral', 'positive']),
      settings: parseTrainingSettings(referenceTrainingInput(run)),
      checkpoints: new RunFolderCheckpoints(runDir, tokenizer),
      onEvent: (e) => events.push(e),
    });
    const result = await trainer.train();
    expect(result).toMatchObject({ status: 'completed', globalStep: 12, lastCheckpoint: { step: 12 } });
    expect(result.finalMetrics?.eval_accuracy).toBeGreaterThanOrEqual(0);

    const steps = events.filter((e): e is StepEvent => e.type === 'step');
    expect(steps).toHaveLength(run.steps.length);
    let lossError = 0;
    steps.forEach((actual, i) => {
      const expected = run.steps[i]!;
      lossError = Math.max(lossError, Math.abs(actual.loss - expected.loss) / expected.loss);
      expect(actual.grad_norm, `step ${expected.step}`).toBeCloseTo(expected.grad_norm, 3);
    });
    expect(lossError).toBeLessThan(2e-3);

    const inputs = toModelInputs(run.batches[0]!);
    const outputs = model.forward(inputs, { training: false });
    const logitsError = maxAbsDiff(await outputs.logits!.array(), run.final_outputs_on_batch_0.logits);
    expect(logitsError).toBeLessThan(2e-3);
    const [first] = await predictBatch(model, [{ inputIds: run.batches[0]!.input_ids[0]!, attentionMask: run.batches[0]!.attention_mask[0]! }]);
    expect(maxAbsDiff(first!.outputs.logits, run.final_outputs_on_batch_0.logits[0])).toBeLessThan(2e-3);
    // The checkpoint holds the trained weights.
    const saved = await loadHfModel(join(runDir, 'checkpoints/step-12'));
    const reloaded = saved.model.forward(inputs, { training: false });
    expect(maxAbsDiff(await reloaded.logits!.array(), await outputs.logits!.array())).toBe(0);
    tf.dispose(reloaded);
    saved.model.dispose();
    rmSync(runDir, { recursive: true, force: true });
    errors.push(`training max relative loss error ${lossError.toExponential(2)}, final logits max |diff| ${logitsError.toExponential(2)}`);
    tf.dispose(outputs);
    disposeInputs(inputs);
    model.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });
}
