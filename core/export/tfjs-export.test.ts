// The TF.js export loads with tf.io in Node and, run by the runtime the page itself uses,
// gives the reference (PyTorch) outputs within 1e-4 for every head; quantized exports stay
// within their stated tolerance, and the runtime is exact on the weights it was given.
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { loadHfModel, type LoadedHfModel } from '../checkpoint/hf-folder-node';
import { headFor } from '../model/heads/registry';
import { BertModel } from '../model/model';
import { ParameterStore } from '../model/parameter-store';
import { disposeInputs, readReferenceForward, REFERENCE_HEADS, referenceCheckpointDir, toModelInputs } from '../model/testing';
import { BertTokenizer } from '../tokenizer/bert-tokenizer';
import { defaultVocabPath } from '../tokenizer/load-node';
import { appOutputs, compareOutputs, exportTokenizer, FALLBACK_PARITY_EXAMPLES, PARITY_TOLERANCE } from './parity';
import { TFJS_FORMAT, type TfjsModelJson } from './tfjs-export';
import { exportTfjsFolder } from './tfjs-export-node';
import { loadBertRuntime, loadTfjsExport } from './tfjs-runtime-node';
import type { Quantization } from './tfjs-weights';
import { maxAbsDiff } from '../metrics/differences';

const reference = readReferenceForward();
let scratch: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  scratch = mkdtempSync(join(tmpdir(), 'bert-tfjs-export-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function withModel<T>(head: (typeof REFERENCE_HEADS)[number], use: (loaded: LoadedHfModel & { tokenizer: NonNullable<LoadedHfModel['tokenizer']> }) => Promise<T>): Promise<T> {
  const loaded = await loadHfModel(referenceCheckpointDir(head));
  try {
    return await use(loaded as LoadedHfModel & { tokenizer: NonNullable<LoadedHfModel['tokenizer']> });
  } finally {
    loaded.model.dispose();
  }
}

/** The export's weights as tf.io decodes them (dequantized when quantized). */
function decodedWeights(dir: string): tf.NamedTensorMap {
  const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as TfjsModelJson;
  const group = modelJson.weightsManifest[0]!;
  const buffers = group.paths.map((p) => {
    const b = readFileSync(join(dir, p));
    return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
  });
  return tf.io.decodeWeights(buffers, group.weights);
}

describe('float32 TF.js export', () => {
  it.each(REFERENCE_HEADS)('%s loads with tf.io and its runtime gives the reference outputs', async (head) => {
    await withModel(head, async ({ model, tokenizer }) => {
      const dir = join(scratch, `f32-${head}`);
      const outcome = await exportTfjsFolder(dir, model, tokenizer);
      expect(outcome.files).toEqual(expect.arrayContaining(['model.json', 'group1-shard1of1.bin', 'vocab.txt', 'tokenizer_config.json', 'index.html', 'app.js', 'bert-runtime.js', 'tf.min.js', 'README.md']));
      expect(outcome.parity).toMatchObject({ examples: FALLBACK_PARITY_EXAMPLES[head].length, tolerance: 1e-4, ok: true });
      expect(outcome.parity.max_abs_diff).toBeLessThan(1e-4);
      expect(outcome.warnings).toEqual([]);

      const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as TfjsModelJson;
      expect(modelJson).toMatchObject({ format: TFJS_FORMAT, formatVersion: 1, weightStorage: 'float32', head: { name: head, architecture: model.head.architecture } });
      expect(modelJson.weightsManifest[0]!.weights.map((w) => w.name)).toEqual(model.params.names());

      const before = tf.memory().numTensors;
      const exported = await loadTfjsExport(dir);
      const inputs = toModelInputs(reference.inputs);
      const outputs = exported.model.forward(inputs.inputIds, inputs.tokenTypeIds, inputs.attentionMask);
      for (const name of model.head.outputNames) {
        expect(maxAbsDiff(await outputs[name]!.array(), reference.checkpoints[head]!.outputs[name]), name).toBeLessThan(reference.tolerance.abs);
      }
      tf.dispose(outputs);
      disposeInputs(inputs);
      exported.model.dispose();
      expect(tf.memory().numTensors).toBe(before);
    });
  });

  it('cuts the weights into shards that split tensors, and removes the shards of an earlier export', async () => {
    await withModel('sequence-classification', async ({ model, tokenizer }) => {
      const dir = join(scratch, 'sharded');
      await exportTfjsFolder(dir, model, tokenizer, { shardBytes: 10_000 });
      expect(readdirSync(dir).filter((f) => f.endsWith('.bin'))).toHaveLength(Math.ceil((model.params.numParameters() * 4) / 10_000));
      const outcome = await exportTfjsFolder(dir, model, tokenizer, { shardBytes: 40_000 });
      expect(outcome.parity.ok).toBe(true);
      expect(readdirSync(dir).filter((f) => f.endsWith('.bin')).sort()).toEqual(['group1-shard1of3.bin', 'group1-shard2of3.bin', 'group1-shard3of3.bin']);
    });
  });
});

describe('quantized TF.js export', () => {
  it.each([
    ['f16', 2],
    ['u8', 4],
  ] as [Quantization, number][])('%s: within its stated tolerance of the app, and the runtime exact on the dequantized weights', async (quantize, shrink) => {
    await withModel('sequence-classification', async ({ model, tokenizer }) => {
      const dir = join(scratch, `q-${quantize}`);
      const outcome = await exportTfjsFolder(dir, model, tokenizer, { quantize });
      expect(outcome.parity.ok).toBe(true);
      expect(outcome.parity.tolerance).toBeGreaterThanOrEqual(PARITY_TOLERANCE[quantize]);
      expect(outcome.parity.max_abs_diff).toBeGreaterThan(0);
      // The matrices shrink, the vectors (biases, LayerNorm) stay float32.
      const expectedBytes = model.params.entries().reduce((sum, [, v]) => sum + v.size * (v.rank >= 2 ? 4 / shrink : 4), 0);
      expect(statSync(join(dir, 'group1-shard1of1.bin')).size).toBe(expectedBytes);

      // The same core, on the weights tf.io decodes: the runtime adds no error of its own.
      const params = new ParameterStore(Object.entries(decodedWeights(dir)).map(([name, t]) => [name, tf.variable(t)]));
      const dequantized = new BertModel(model.config, headFor(model.headName), params);
      const examples = FALLBACK_PARITY_EXAMPLES['sequence-classification'];
      const app = await appOutputs(dequantized, exportTokenizer(dequantized, tokenizer), examples);
      const exported = await loadTfjsExport(dir);
      const rows = await exported.model.run(examples.map((e) => exported.tokenizer.encode(e.text, e.textPair)));
      expect(compareOutputs(app.rows, rows, ['logits'], 1e-4).ok).toBe(true);
      exported.model.dispose();
      dequantized.dispose();
    });
  });
});

describe("the page's tokenizer", () => {
  it('encodes as the app does: accents, punctuation, CJK, control characters, long words, pairs and truncation', async () => {
    const vocab = readFileSync(defaultVocabPath(), 'utf8');
    const runtime = (await loadBertRuntime()).createTokenizer(vocab, { do_lower_case: true, model_max_length: 512 });
    const app = BertTokenizer.fromVocabText(vocab, { doLowerCase: true, modelMaxLength: 512 });
    const texts = [
      'Héllo, WORLD!! Don\'t stop… the “quoted” café—naïve résumé.',
      'Tabs\tand\nnewlines\r\nand\u00a0no-break\u200bzero-width\u0007bell',
      '北京是中国的首都。 日本語のテキスト 한국어',
      `${'a'.repeat(120)} unaffordable supercalifragilistic $100 + 5% <html> ^_^ ~`,
      'ΣΊΣΥΦΟΣ and İstanbul: upper-case oddities',
    ];
    for (const text of texts) expect(runtime.encode(text).inputIds, text).toEqual(app.encode(text).inputIds);
    const pair = ['What is the capital of France and why is it so famous among tourists?', 'Paris is the capital of France. '.repeat(10)] as const;
    for (const [maxLength, truncation] of [[24, 'longest_first'], [30, 'only_second'], [17, 'longest_first']] as const) {
      const a = app.encode(pair[0], pair[1], { maxLength, truncation });
      const r = runtime.encode(pair[0], pair[1], { maxLength, truncation });
      expect(r.inputIds, `${maxLength} ${truncation}`).toEqual(a.inputIds);
      expect(r.tokenTypeIds).toEqual(a.tokenTypeIds);
    }
  });
});
