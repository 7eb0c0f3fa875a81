// Hugging Face folders: what the core writes reads back bit-identically and looks like
// what Transformers writes; legacy names, half precision, missing heads and mismatched
// shapes are handled as Transformers' from_pretrained does (or refused with names).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import type { BertModel } from '../model/model';
import { disposeInputs, readReferenceForward, REFERENCE_HEADS, referenceCheckpointDir, toModelInputs } from '../model/testing';
import { float32ToBfloat16, float32ToFloat16 } from './half-float';
import { CheckpointError, modelFromCheckpoint, type HfFolderContents } from './hf-folder';
import { loadHfModel, readHfFolder, saveHfModel } from './hf-folder-node';
import { decodeFloat32, parseSafetensors, serializeSafetensors, type TensorToWrite } from './safetensors';
import { maxAbsDiff } from '../metrics/differences';

const reference = readReferenceForward();
let scratch: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  scratch = mkdtempSync(join(tmpdir(), 'bert-checkpoint-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function outputsOf(model: BertModel): Promise<Record<string, unknown>> {
  const inputs = toModelInputs(reference.inputs);
  const outputs = model.forward(inputs, { training: false });
  const arrays: Record<string, unknown> = {};
  for (const [name, tensor] of Object.entries(outputs)) arrays[name] = await tensor.array();
  tf.dispose(outputs);
  disposeInputs(inputs);
  return arrays;
}

function header(weights: Uint8Array): Record<string, { dtype: string; shape: number[] }> {
  const file = parseSafetensors(weights);
  return Object.fromEntries([...file.tensors].map(([name, e]) => [name, { dtype: e.dtype, shape: e.shape }]));
}

/** The reference checkpoint with its weights rewritten by `rewrite` (name -> new name and dtype). */
async function rewrittenCheckpoint(
  head: (typeof REFERENCE_HEADS)[number],
  rewrite: (name: string, values: Float32Array, shape: number[]) => [string, TensorToWrite] | undefined,
  extra: [string, TensorToWrite][] = [],
): Promise<HfFolderContents> {
  const contents = await readHfFolder(referenceCheckpointDir(head));
  const tensors = new Map<string, TensorToWrite>(extra);
  for (const [name, entry] of parseSafetensors(contents.weights).tensors) {
    const rewritten = rewrite(name, decodeFloat32(name, entry), entry.shape);
    if (rewritten) tensors.set(...rewritten);
  }
  return { ...contents, weights: serializeSafetensors(tensors) };
}

describe('saving a checkpoint folder', () => {
  it.each(REFERENCE_HEADS)('%s reads back bit-identically with exactly the Hugging Face names and shapes', async (head) => {
    const empty = tf.memory().numTensors;
    const loaded = await loadHfModel(referenceCheckpointDir(head));
    const dir = join(scratch, head);
    await saveHfModel(dir, loaded.model, loaded.tokenizer);

    const original = await readHfFolder(referenceCheckpointDir(head));
    const saved = await readHfFolder(dir);
    expect(header(saved.weights)).toEqual(header(original.weights));
    expect(saved.vocab).toBe(original.vocab);
    expect(saved.tokenizerConfig).toEqual(original.tokenizerConfig);
    expect(saved.config).toMatchObject({ ...original.config, model_type: 'bert' });
    expect(saved.config.id2label).toBeDefined();
    expect(saved.config.label2id).toBeDefined();

    const reloaded = await loadHfModel(dir);
    expect(reloaded.report.initialised).toEqual([]);
    expect(await outputsOf(reloaded.model)).toEqual(await outputsOf(loaded.model));
    for (const name of loaded.model.params.names()) {
      expect(reloaded.model.params.get(name).dataSync()).toEqual(loaded.model.params.get(name).dataSync());
    }
    loaded.model.dispose();
    reloaded.model.dispose();
    expect(tf.memory().numTensors).toBe(empty);
  });
});

describe('loading a checkpoint folder', () => {
  it('accepts legacy LayerNorm gamma/beta names and bare BertModel keys', async () => {
    const legacy = await rewrittenCheckpoint('sequence-classification', (name, data, shape) => [
      name.replace(/^bert\./, '').replace(/LayerNorm\.weight$/, 'LayerNorm.gamma').replace(/LayerNorm\.bias$/, 'LayerNorm.beta'),
      { dtype: 'F32', shape, data },
    ]);
    const { model, report } = modelFromCheckpoint(legacy);
    expect(report.initialised).toEqual([]);
    expect(report.renamed).toContainEqual(['embeddings.LayerNorm.gamma', 'bert.embeddings.LayerNorm.weight']);
    const expected = reference.checkpoints['sequence-classification']!.outputs;
    expect(maxAbsDiff((await outputsOf(model)).logits, expected.logits)).toBeLessThan(1e-4);
    model.dispose();
  });

  it.each([
    ['F16', float32ToFloat16, 1e-2],
    ['BF16', float32ToBfloat16, 1e-1],
  ] as const)('decodes %s weights', async (dtype, encode, tolerance) => {
    const half = await rewrittenCheckpoint('token-classification', (name, data, shape) => [name, { dtype, shape, data: Uint16Array.from(data, encode) }]);
    const { model } = modelFromCheckpoint(half);
    const weight = model.params.get('classifier.weight').dataSync();
    const stored = parseSafetensors(half.weights).tensors.get('classifier.weight')!;
    expect(stored.dtype).toBe(dtype);
    expect([...weight]).toEqual([...decodeFloat32('classifier.weight', stored)]);
    const expected = reference.checkpoints['token-classification']!.outputs;
    expect(maxAbsDiff((await outputsOf(model)).logits, expected.logits)).toBeLessThan(tolerance);
    model.dispose();
  });

  it('initialises and reports a head the checkpoint lacks, and reports unexpected keys', async () => {
    const positionIds: [string, TensorToWrite] = ['bert.embeddings.position_ids', { dtype: 'F32', shape: [1, 4], data: Float32Array.from([0, 1, 2, 3]) }];
    const contents = await rewrittenCheckpoint('pretraining', (name, data, shape) => [name, { dtype: 'F32', shape, data }], [positionIds]);
    const { model, report } = modelFromCheckpoint(contents, { head: 'sequence-classification', labels: ['no', 'yes'], seed: 1 });
    expect(report.initialised).toEqual(['classifier.weight', 'classifier.bias']);
    expect(report.unexpected).toContain('bert.embeddings.position_ids');
    expect(report.unexpected).toContain('cls.seq_relationship.weight');
    expect(report.warnings.join('\n')).toContain('classifier.* newly initialised (the checkpoint has no sequence-classification head): normal(0, 0.02)');
    expect(model.params.get('classifier.weight').shape).toEqual([2, 32]);
    expect(model.config.id2label).toEqual({ 0: 'no', 1: 'yes' });
    model.dispose();
  });

  it('refuses a shape mismatch, naming the parameter and both shapes', async () => {
    const contents = await readHfFolder(referenceCheckpointDir('sequence-classification'));
    const fiveLabels = { ...contents, config: { ...contents.config, id2label: { 0: 'a', 1: 'b', 2: 'c', 3: 'd', 4: 'e' }, label2id: undefined } };
    expect(() => modelFromCheckpoint(fiveLabels)).toThrow(new CheckpointError('checkpoint parameter classifier.weight has shape [3, 32] but the config expects [5, 32]'));
    const { model, report } = modelFromCheckpoint(fiveLabels, { ignoreMismatchedSizes: true });
    expect(report.initialised).toEqual(['classifier.weight', 'classifier.bias']);
    model.dispose();
  });

  it('explains what is missing from a folder', async () => {
    await expect(readHfFolder(join(scratch, 'nothing'))).rejects.toThrow('has no config.json');
    const configOnly = join(scratch, 'config-only');
    mkdirSync(configOnly, { recursive: true });
    writeFileSync(join(configOnly, 'config.json'), '{}');
    await expect(readHfFolder(configOnly)).rejects.toThrow('has no model.safetensors (nor pytorch_model.bin)');
  });
});
