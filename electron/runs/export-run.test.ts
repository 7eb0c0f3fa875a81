// exportRun on run folders made here (RunStore + saveHfModel + metrics.jsonl): the default
// folders, the model card from run.json and the data, the parity check on the run's own
// validation examples, the last-checkpoint fallback and the errors.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../core/tf';
import { loadHfModel, saveHfModel } from '../../core/checkpoint/hf-folder-node';
import { referenceCheckpointDir } from '../../core/model/testing';
import type { MetricsRow } from '../contract';
import { baseModelOf, exportRun } from './export-run';
import { RunStore } from './run-store';

let scratch: string;
let store: RunStore;
let runId: string;

const texts = ['the movie was good', 'a terrible plot', 'john caught fish in paris', 'the actors were great', 'bad film'];

/** A completed classification run whose model is the reference checkpoint. */
async function makeRun(name: string, withModel: 'model' | 'checkpoint' | 'none'): Promise<string> {
  const dataDir = path.join(scratch, `${name}-data`);
  const train = path.join(dataDir, 'train.jsonl');
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(train, texts.map((text, i) => JSON.stringify({ text, label: ['negative', 'neutral', 'positive'][i % 3] }) + '\n').join(''));
  const validation = path.join(dataDir, 'dev.jsonl');
  writeFileSync(validation, texts.slice(0, 3).map((text) => JSON.stringify({ text: `${text} really`, label: 'positive' }) + '\n').join(''));

  const record = await store.create({
    name,
    config: {
      task: 'classification',
      model: { checkpoint: '/home/someone/.cache/huggingface/hub/models--google--bert_uncased_L-2_H-128_A-2/snapshots/abc/' },
      data: { train, validation },
      training: { learning_rate: 3e-5, num_train_epochs: 2, batch_size: 8, metric_for_best_model: 'accuracy' },
    },
  });
  const { model, tokenizer } = await loadHfModel(referenceCheckpointDir('sequence-classification'));
  const runDir = store.dir(record.id);
  if (withModel === 'model') await saveHfModel(path.join(runDir, 'model'), model, tokenizer);
  if (withModel === 'checkpoint') await saveHfModel(path.join(runDir, 'checkpoints', 'step-4'), model, tokenizer);
  model.dispose();
  const rows: MetricsRow[] = [1, 2, 3, 4].map((step) => ({ step, epoch: step / 2, loss: 1.2 - step * 0.1, learning_rate: 3e-5 }));
  rows.push({ step: 2, epoch: 1, eval_loss: 0.9, eval_accuracy: 0.5 }, { step: 4, epoch: 2, eval_loss: 0.8, eval_accuracy: 0.75 });
  await store.appendMetrics(record.id, rows);
  await store.update(record.id, {
    status: 'completed',
    train_seconds: 42,
    backend: { name: 'cpu', description: 'plain JavaScript', reason: 'forced' },
    final_metrics: { eval_loss: 0.8, eval_accuracy: 0.75 },
    best_metric: { name: 'eval_accuracy', value: 0.75, step: 4 },
    ...(withModel === 'checkpoint' ? { last_checkpoint: { step: 4, path: 'checkpoints/step-4' } } : {}),
  });
  return record.id;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  scratch = mkdtempSync(path.join(tmpdir(), 'bert-export-run-'));
  store = new RunStore(path.join(scratch, 'runs'));
  runId = await makeRun('sentiment', 'model');
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('exportRun', () => {
  it('writes a Hugging Face folder with a model card into <run>/exports/hf, checked on the validation examples', async () => {
    const result = await exportRun(store, runId, { format: 'hf' });
    expect(result.path).toBe(path.join(store.dir(runId), 'exports', 'hf'));
    expect(result.format).toBe('hf');
    expect(result.files).toContain('model.safetensors');
    expect(result.parity).toEqual({ examples: 3, max_abs_diff: 0, tolerance: 1e-4, ok: true });
    expect(result.warnings).toEqual([]);
    const card = readFileSync(path.join(result.path, 'README.md'), 'utf8');
    expect(card).toContain('base_model: google/bert_uncased_L-2_H-128_A-2');
    expect(card).toContain('# sentiment');
    expect(card).toContain('`train.jsonl` — 5 examples');
    expect(card).toContain('`dev.jsonl` — 3 examples');
    expect(card).toContain('| `learning_rate` | 0.00003 |');
    expect(card).toContain('| `warmup_ratio` | 0.1 |'); // a default, stated too
    expect(card).toContain('Best evaluation: **accuracy = 0.75** at step 4.');
    expect(card).toContain('| end | 4 | 2 | 0.8 |');
  });

  it('writes a quantized TF.js export into <run>/exports/tfjs-u8, or where asked', async () => {
    const result = await exportRun(store, runId, { format: 'tfjs', quantize: 'u8' });
    expect(result.path).toBe(path.join(store.dir(runId), 'exports', 'tfjs-u8'));
    expect(result.parity.ok).toBe(true);
    expect(result.parity.examples).toBe(3);
    const out = path.join(scratch, 'elsewhere');
    const f32 = await exportRun(store, runId, { format: 'tfjs', outDir: out, parityExamples: 2 });
    expect(f32).toMatchObject({ path: out, parity: { examples: 2, tolerance: 1e-4, ok: true } });
    expect(f32.files).toContain('index.html');
  });

  it('writes an ONNX export with its int8 model into <run>/exports/onnx-int8, both checked on the validation examples', async () => {
    const result = await exportRun(store, runId, { format: 'onnx', quantize: 'int8' });
    expect(result.path).toBe(path.join(store.dir(runId), 'exports', 'onnx-int8'));
    expect(result.files).toEqual(expect.arrayContaining(['onnx/model.onnx', 'onnx/model_quantized.onnx', 'tokenizer.json', 'config.json']));
    expect(result.parity).toMatchObject({ examples: 3, tolerance: 1e-4, ok: true });
    expect(result.quantized_parity).toMatchObject({ examples: 3, ok: true });
    expect(result.warnings).toEqual([]);
  });

  it('falls back to the last checkpoint, and says why it cannot export', async () => {
    const partial = await makeRun('partial', 'checkpoint');
    const result = await exportRun(store, partial, { format: 'hf', outDir: path.join(scratch, 'partial-hf') });
    expect(result.warnings).toContain('the run has no final model yet; exported its last checkpoint (checkpoints/step-4)');
    const empty = await makeRun('empty', 'none');
    await expect(exportRun(store, empty, { format: 'tfjs' })).rejects.toThrow('has neither model/ nor a saved checkpoint');
    await expect(exportRun(store, runId, { format: 'hf', quantize: 'f16' })).rejects.toThrow('--quantize does not apply to the hf format: Hugging Face folders keep float32 weights');
    await expect(exportRun(store, runId, { format: 'onnx', quantize: 'u8' })).rejects.toThrow('--quantize for the onnx format must be int8, got "u8"');
    await expect(exportRun(store, 'no-such-run', { format: 'hf' })).rejects.toThrow('there is no run "no-such-run"');
  });

  it('refuses a relative outDir without a stated base, resolves it against one, and never writes into a folder it did not make', async () => {
    await expect(exportRun(store, runId, { format: 'hf', outDir: 'relative/out' })).rejects.toThrow('outDir must be an absolute path, got "relative/out"');
    const base = path.join(scratch, 'cli-cwd');
    const result = await exportRun(store, runId, { format: 'hf', outDir: 'relative/out', baseDir: base, parityExamples: 1 });
    expect(result.path).toBe(path.join(base, 'relative', 'out'));
    const theirs = path.join(scratch, 'their-folder');
    mkdirSync(theirs);
    writeFileSync(path.join(theirs, 'README.md'), 'mine');
    await expect(exportRun(store, runId, { format: 'hf', outDir: theirs })).rejects.toThrow('it already holds files this app did not write (README.md)');
    expect(readFileSync(path.join(theirs, 'README.md'), 'utf8')).toBe('mine');
  });

  it('names the base model from a Hub id, a cache folder or a preset', () => {
    expect(baseModelOf({ model: { checkpoint: 'bert-base-uncased' } })).toEqual({ baseModel: 'bert-base-uncased' });
    expect(baseModelOf({ model: { preset: 'bert-tiny' } })).toEqual({ baseDescription: 'the bert-tiny preset, randomly initialised' });
    expect(baseModelOf({ model: { checkpoint: scratch } })).toEqual({ baseDescription: `the checkpoint folder \`${scratch}\`` });
  });

  it("states run.json's weights_from: Hub id and commit, folder and digest, or random init and seed", () => {
    const commit = '0123456789abcdef0123456789abcdef01234567';
    const hub = baseModelOf({ model: { hub: 'google/bert_uncased_L-2_H-128_A-2', revision: 'main' } }, { source: 'hub', id: 'google/bert_uncased_L-2_H-128_A-2', revision: 'main', commit });
    expect(hub).toEqual({ baseModel: 'google/bert_uncased_L-2_H-128_A-2', baseCommit: commit });
    const folder = baseModelOf({ model: { checkpoint: '/m' } }, { source: 'folder', path: '/m', sha256: 'ab'.repeat(32) });
    expect(folder.baseDescription).toBe('the checkpoint folder `/m` (sha256 of its model files abababababababab…)');
    const random = baseModelOf({ model: { preset: 'bert-tiny' } }, { source: 'random', preset: 'bert-tiny', seed: 42 });
    expect(random.baseDescription).toBe('none — random initialisation of the bert-tiny architecture (seed 42), not a pretrained model');
    expect(baseModelOf({ model: { hub: 'org/x', revision: 'main' } })).toEqual({ baseModel: 'org/x' });
  });
});
