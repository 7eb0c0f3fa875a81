// The Hugging Face export: a folder from_pretrained loads unchanged — exactly the
// state-dict names and shapes, config fields as Transformers writes them, complete
// tokenizer files — which reloads in the core with identical outputs.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { loadHfModel } from '../checkpoint/hf-folder-node';
import { parseSafetensors } from '../checkpoint/safetensors';
import { disposeInputs, readReferenceForward, REFERENCE_HEADS, referenceCheckpointDir, toModelInputs } from '../model/testing';
import { exportHfFolder } from './hf-export-node';
import { maxAbsDiff } from '../metrics/differences';

const reference = readReferenceForward();
let scratch: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  scratch = mkdtempSync(join(tmpdir(), 'bert-hf-export-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const readJson = (path: string) => JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;

function header(path: string): { names: Record<string, { dtype: string; shape: number[] }>; metadata: Record<string, string> } {
  const file = parseSafetensors(readFileSync(path));
  return { names: Object.fromEntries([...file.tensors].map(([name, e]) => [name, { dtype: e.dtype, shape: e.shape }])), metadata: file.metadata };
}

describe('Hugging Face export', () => {
  it.each(REFERENCE_HEADS)('%s: the folder from_pretrained expects, reloading with identical outputs', async (head) => {
    const source = referenceCheckpointDir(head);
    const { model, tokenizer } = await loadHfModel(source);
    const dir = join(scratch, head);
    const outcome = await exportHfFolder(dir, model, tokenizer!, { card: '---\nlibrary_name: transformers\n---\n# test\n' });
    model.dispose();
    expect(outcome.files).toEqual(['README.md', 'config.json', 'model.safetensors', 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json', 'vocab.txt']);
    expect(outcome.parity).toMatchObject({ max_abs_diff: 0, ok: true, tolerance: 1e-4 });
    expect(outcome.warnings).toEqual([]);

    // Exactly the names, dtypes and shapes of the checkpoint Transformers saved; format "pt".
    const exported = header(join(dir, 'model.safetensors'));
    expect(exported.names).toEqual(header(join(source, 'model.safetensors')).names);
    expect(exported.metadata).toEqual({ format: 'pt' });

    const config = readJson(join(dir, 'config.json'));
    const original = readJson(join(source, 'config.json'));
    for (const [key, value] of Object.entries(original)) expect(config[key], key).toEqual(value);
    expect(config).toMatchObject({ model_type: 'bert', position_embedding_type: 'absolute', torch_dtype: 'float32', architectures: [model.head.architecture] });
    if (head === 'sequence-classification') expect(config.problem_type).toBe('single_label_classification');
    const id2label = config.id2label as Record<string, string>;
    expect(Object.keys(id2label)).toEqual(Object.keys(id2label).map((_, i) => String(i)));
    expect(config.label2id).toEqual(Object.fromEntries(Object.entries(id2label).map(([id, label]) => [label, Number(id)])));

    expect(readJson(join(dir, 'tokenizer_config.json'))).toMatchObject({
      tokenizer_class: 'BertTokenizer', do_lower_case: true, strip_accents: null, tokenize_chinese_chars: true,
      unk_token: '[UNK]', sep_token: '[SEP]', pad_token: '[PAD]', cls_token: '[CLS]', mask_token: '[MASK]', model_max_length: 64,
    });
    expect(readJson(join(dir, 'special_tokens_map.json'))).toEqual({ cls_token: '[CLS]', mask_token: '[MASK]', pad_token: '[PAD]', sep_token: '[SEP]', unk_token: '[UNK]' });
    expect(readFileSync(join(dir, 'vocab.txt'), 'utf8')).toBe(readFileSync(join(source, 'vocab.txt'), 'utf8'));
    // tokenizer.json for the fast tokenizers (tokenizer-json.test.ts holds it to the app's ids).
    expect(readJson(join(dir, 'tokenizer.json'))).toMatchObject({ normalizer: { type: 'BertNormalizer', lowercase: true }, model: { type: 'WordPiece', vocab: { '[CLS]': 2 } } });

    const reloaded = await loadHfModel(dir);
    expect(reloaded.report.warnings).toEqual([]);
    const inputs = toModelInputs(reference.inputs);
    const outputs = reloaded.model.forward(inputs, { training: false });
    for (const name of reloaded.model.head.outputNames) {
      expect(maxAbsDiff(await outputs[name]!.array(), reference.checkpoints[head]!.outputs[name]), name).toBeLessThan(reference.tolerance.abs);
    }
    tf.dispose(outputs);
    disposeInputs(inputs);
    reloaded.model.dispose();
  });
});
