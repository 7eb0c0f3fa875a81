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
import { argmax } from '../model/heads/task-head';
import { numLabels, type HeadName } from '../model/layout';
import { BertModel } from '../model/model';
import { predictBatch } from '../model/prediction';
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

describe("the page's runtime", () => {
  const TEXTS: Record<HeadName, [string, string?]> = {
    'sequence-classification': ['The movie was wonderful, I loved it.'],
    'token-classification': ['John Smith caught fish in Paris.'],
    'question-answering': ['Who caught fish?', 'John Smith caught fish in Paris.'],
    pretraining: ['Paris is the [MASK] of France.', 'It is big.'],
  };

  it.each(REFERENCE_HEADS)("%s: runs the app's computation and decodes as the core's head, in the words a person reads", async (head) => {
    await withModel(head, async ({ model, tokenizer }) => {
      const dir = join(scratch, `decode-${head}`);
      await exportTfjsFolder(dir, model, tokenizer);
      const exported = await loadTfjsExport(dir);
      try {
        const [text, pair] = TEXTS[head];
        const encoding = exported.tokenizer.encode(text, pair);
        const [row] = await exported.model.run([encoding]);
        const [app] = await predictBatch(model, [encoding]);
        expect(compareOutputs([app!.outputs], [row!], model.head.outputNames, 1e-5).ok).toBe(true);
        const page = exported.model.decode(row!, encoding, exported.tokenizer);
        expect(page).toMatchObject(model.head.decode(row!, { config: model.config, tokenTypeIds: encoding.tokenTypeIds }));
        if ('probabilities' in page) {
          expect(page.probabilities!.reduce((sum, p) => sum + p.probability, 0)).toBeCloseTo(1, 6);
          expect(page.probabilities![page.label_id]).toEqual({ label: page.label, probability: page.score });
        }
        if ('tokens' in page) {
          expect(page.tokens).toEqual(encoding.tokens.slice(1, -1).map((token, i) => ({ token, label: page.labels[i + 1] })));
        }
        if ('answer' in page) {
          expect(encoding.tokenTypeIds[page.start]).toBe(1); // in the context
          expect(pair!.toLowerCase().replaceAll(' ', '')).toContain(page.answer.replaceAll(' ', ''));
        }
        if ('masks' in page) {
          // A typed [MASK] is the mask token for a pre-training model, as the app's fill-mask reads it.
          const position = encoding.tokens.indexOf('[MASK]');
          expect(encoding.inputIds[position]).toBe(exported.tokenizer.maskId);
          const best = argmax((row!.prediction_logits as number[][])[position]!);
          expect(page.masks).toEqual([{ position, token_id: best, token: exported.tokenizer.idToToken(best) }]);
        } else {
          expect(exported.tokenizer.encode('a [MASK] b').tokens).not.toContain('[MASK]'); // text, as the app reads it
        }
      } finally {
        exported.model.dispose();
      }
    });
  });

  it('refuses another TensorFlow.js, another format version, an unknown head and a missing or misshapen weight, saying which, and keeps no tensor', async () => {
    await withModel('sequence-classification', async ({ model, tokenizer }) => {
      const dir = join(scratch, 'refusals');
      await exportTfjsFolder(dir, model, tokenizer);
      const runtime = await loadBertRuntime();
      const modelJson = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as TfjsModelJson;
      const before = tf.memory().numTensors;
      const create = (json: TfjsModelJson, edit?: (weights: tf.NamedTensorMap) => void, tfjs: typeof tf = tf) => () => {
        const weights = decodedWeights(dir);
        edit?.(weights);
        return runtime.createModel(tfjs, json, weights);
      };
      expect(create(modelJson, undefined, { engine: () => ({}) } as unknown as typeof tf)).toThrow(/runs on the page's TensorFlow\.js/);
      expect(create({ ...modelJson, formatVersion: 2 as 1 })).toThrow(/format version 2; this runtime reads version 1/);
      expect(create({ ...modelJson, head: { ...modelJson.head, name: 'masked-lm' } })).toThrow(/head\.name "masked-lm" is not one of sequence-classification/);
      const without = (name: string) => (weights: tf.NamedTensorMap) => {
        weights[name]!.dispose();
        delete weights[name];
      };
      expect(create(modelJson, without('classifier.bias'))).toThrow(/the export has no weight classifier\.bias/);
      const H = model.config.hidden_size;
      const labels = numLabels(model.config);
      const misshapen = (weights: tf.NamedTensorMap) => {
        weights['classifier.weight']!.dispose();
        weights['classifier.weight'] = tf.zeros([labels + 1, H]);
      };
      expect(create(modelJson, misshapen)).toThrow(`weight classifier.weight has shape [${labels + 1}, ${H}]; the config says [${labels}, ${H}]`);
      expect(tf.memory().numTensors).toBe(before);

      const page = runtime.createModel(tf, modelJson, decodedWeights(dir));
      await expect(page.run([{ inputIds: [2, 9999, 3] }])).rejects.toThrow(/example 1: input_ids contains 9999, outside the vocabulary/);
      page.dispose();
      expect(tf.memory().numTensors).toBe(before);
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
