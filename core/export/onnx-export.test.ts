// The ONNX export judged by ONNX Runtime (onnxruntime-node's CPU build), a consumer nobody
// here wrote: for every head of the reference checkpoints its outputs match PyTorch's and
// the app's within 1e-4, at two batch sizes and two lengths from one session; the graph
// says what Transformers' exports say (input and output names, int64 inputs, dynamic axes,
// opset, exact GELU, the config's LayerNorm eps); the int8 file stays within its stated
// tolerance; the masked-LM graph fills masks in transformers.js' fill-mask pipeline; and a
// weight the graph would not read stops the export.
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ort from 'onnxruntime-node';
import { env, pipeline } from '@huggingface/transformers';
import * as tf from '../tf';
import { loadHfModel, type LoadedHfModel } from '../checkpoint/hf-folder-node';
import { BertModel } from '../model/model';
import { headFor } from '../model/heads/registry';
import { readReferenceForward, REFERENCE_HEADS, referenceCheckpointDir } from '../model/testing';
import type { HeadName } from '../model/layout';
import { decodeOnnxModel, ElementType } from './onnx-graph';
import { ONNX_INPUT_NAMES, ONNX_MODEL_FILE, ONNX_OPSET, ONNX_QUANTIZED_MODEL_FILE, modelWeights, onnxModelBytes } from './onnx-export';
import { exportOnnxFolder } from './onnx-export-node';
import { ONNX_HEADS } from './onnx-heads';
import { openOnnxSession, runOnnx } from './onnx-runtime-node';
import { exportTokenizer, FALLBACK_PARITY_EXAMPLES, PARITY_TOLERANCE } from './parity';
import { argmax } from '../model/heads/task-head';
import { maxAbsDiff } from '../metrics/differences';

const reference = readReferenceForward();
let scratch: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  scratch = mkdtempSync(join(tmpdir(), 'bert-onnx-export-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

type Loaded = LoadedHfModel & { tokenizer: NonNullable<LoadedHfModel['tokenizer']> };

async function withModel<T>(head: HeadName, use: (loaded: Loaded) => Promise<T>): Promise<T> {
  const loaded = await loadHfModel(referenceCheckpointDir(head));
  try {
    return await use(loaded as Loaded);
  } finally {
    loaded.model.dispose();
  }
}

/** The reference inputs cut to the first `batch` rows and `length` positions. */
function referenceExamples(batch: number, length: number) {
  return reference.inputs.input_ids.slice(0, batch).map((ids, b) => ({
    inputIds: ids.slice(0, length),
    tokenTypeIds: reference.inputs.token_type_ids[b]!.slice(0, length),
    attentionMask: reference.inputs.attention_mask[b]!.slice(0, length),
  }));
}

/** The app's own outputs (the core's forward pass) on padded [B, T] inputs, by core output name. */
async function appForward(model: BertModel, examples: ReturnType<typeof referenceExamples>): Promise<Record<string, unknown>> {
  const tensor = (pick: (e: (typeof examples)[number]) => number[]) => tf.tensor2d(examples.map(pick), undefined, 'int32');
  const inputs = { inputIds: tensor((e) => e.inputIds), tokenTypeIds: tensor((e) => e.tokenTypeIds), attentionMask: tensor((e) => e.attentionMask) };
  const outputs = model.forward(inputs, { training: false });
  const arrays: Record<string, unknown> = {};
  for (const name of model.head.outputNames) arrays[name] = await outputs[name]!.array();
  tf.dispose([...Object.values(outputs), ...Object.values(inputs)]);
  return arrays;
}

/** ONNX Runtime's outputs as [B, ...] arrays, by core output name (every example has the full length, so nothing is cut). */
async function ortForward(session: ort.InferenceSession, head: HeadName, model: BertModel, examples: ReturnType<typeof referenceExamples>): Promise<Record<string, unknown>> {
  const rows = await runOnnx(session, head, model.config, examples);
  return Object.fromEntries(ONNX_HEADS[head].outputs(model.config).map((o) => [o.core, rows.map((row) => row[o.core])]));
}

describe('ONNX export of the reference checkpoints', () => {
  it.each(REFERENCE_HEADS)('%s: ONNX Runtime gives the PyTorch reference outputs and the app\'s, at two batch sizes and two lengths', async (head) => {
    await withModel(head, async ({ model, tokenizer }) => {
      const dir = join(scratch, head);
      const outcome = await exportOnnxFolder(dir, model, tokenizer, { quantize: 'int8' });
      expect(outcome.files).toEqual(['README.md', 'config.json', ONNX_MODEL_FILE, ONNX_QUANTIZED_MODEL_FILE, 'special_tokens_map.json', 'tokenizer.json', 'tokenizer_config.json', 'vocab.txt']);
      expect(outcome.parity).toMatchObject({ examples: FALLBACK_PARITY_EXAMPLES[head].length, tolerance: PARITY_TOLERANCE.float32, ok: true });
      expect(outcome.parity.max_abs_diff).toBeLessThan(1e-4);
      expect(outcome.quantizedParity?.ok).toBe(true);
      expect(outcome.warnings).toEqual([]);

      const config = JSON.parse(readFileSync(join(dir, 'config.json'), 'utf8')) as Record<string, unknown>;
      expect(config.architectures).toEqual([ONNX_HEADS[head].architecture]);
      if (model.config.id2label) expect(config.id2label).toEqual(model.config.id2label);

      const session = await ort.InferenceSession.create(join(dir, ONNX_MODEL_FILE));
      try {
        expect(session.inputNames).toEqual([...ONNX_INPUT_NAMES]);
        expect(session.outputNames).toEqual(ONNX_HEADS[head].outputs(model.config).map((o) => o.name));
        // The full reference batch (3 × 12, padding and a sentence pair) against PyTorch.
        const full = await ortForward(session, head, model, referenceExamples(3, 12));
        for (const output of ONNX_HEADS[head].outputs(model.config)) {
          expect(maxAbsDiff(full[output.core], reference.checkpoints[head]!.outputs[output.core]), output.name).toBeLessThan(reference.tolerance.abs);
        }
        // Dynamic axes: the same session at batch 1 and 3, length 5 and 12, against the app.
        for (const [batch, length] of [[1, 5], [1, 12], [3, 5], [3, 12]] as const) {
          const examples = referenceExamples(batch, length);
          const [ours, theirs] = [await appForward(model, examples), await ortForward(session, head, model, examples)];
          for (const output of ONNX_HEADS[head].outputs(model.config)) {
            expect(maxAbsDiff(theirs[output.core], ours[output.core]), `${output.name} at ${batch} × ${length}`).toBeLessThan(1e-4);
          }
        }
      } finally {
        await session.release();
      }
    });
  });

  it('states what Transformers\' ONNX exports state: int64 inputs with dynamic axes, Transformers\' output names, opset, exact GELU, the config\'s LayerNorm eps', async () => {
    // A config whose eps is not the default, so the graph must have taken it from the config.
    const model = BertModel.create({ ...(await withModel('question-answering', async (m) => m.model.config)), layer_norm_eps: 1e-5 }, 'question-answering', { seed: 3 });
    try {
      const { model: proto, graph } = decodeOnnxModel(onnxModelBytes({ config: model.config, head: model.headName, weights: await modelWeights(model) }, { precision: 'float32' }));
      expect(proto.opsetImport.map((o) => [o.domain, Number(o.version)])).toEqual([['', ONNX_OPSET]]);
      expect(ONNX_OPSET).toBeGreaterThanOrEqual(14);
      for (const input of graph.input) {
        expect(input.type?.tensorType?.elemType).toBe(ElementType.int64);
        expect(input.type?.tensorType?.shape?.dim?.map((d) => d.dimParam)).toEqual(['batch_size', 'sequence_length']);
      }
      expect(graph.output.map((o) => o.name)).toEqual(['start_logits', 'end_logits']);
      const ops = graph.node.map((n) => n.opType);
      expect(ops.filter((op) => op === 'Erf')).toHaveLength(model.config.num_hidden_layers);
      const norms = graph.node.filter((n) => n.opType === 'LayerNormalization');
      expect(norms).toHaveLength(1 + 2 * model.config.num_hidden_layers);
      for (const norm of norms) expect(norm.attribute?.find((a) => a.name === 'epsilon')?.f).toBe(Math.fround(1e-5));
      // Initializers keep the state-dict names and layouts ([out, in]).
      const initializers = new Map(graph.initializer.map((t) => [t.name, (t.dims ?? []).map(Number)]));
      for (const [name, variable] of model.params.entries()) expect(initializers.get(name), name).toEqual(variable.shape);
    } finally {
      model.dispose();
    }
  });

  it('writes int8 MatMul weights in quantize_dynamic\'s form, a fraction of the size, within the stated tolerance', async () => {
    await withModel('sequence-classification', async ({ model }) => {
      const dir = join(scratch, 'sequence-classification');
      const { graph } = decodeOnnxModel(readFileSync(join(dir, ONNX_QUANTIZED_MODEL_FILE)));
      const initializers = new Map(graph.initializer.map((t) => [t.name!, t]));
      const ops = graph.node.map((n) => n.opType);
      // Every dense layer: DynamicQuantizeLinear + MatMulInteger on an int8 weight; no float weight matrix is left.
      const denseLayers = [...model.params.names()].filter((n) => n.endsWith('.weight') && model.params.get(n).shape.length === 2 && !n.includes('embeddings'));
      expect(ops.filter((op) => op === 'MatMulInteger')).toHaveLength(denseLayers.length);
      expect(ops.filter((op) => op === 'DynamicQuantizeLinear')).toHaveLength(denseLayers.length);
      for (const name of [...denseLayers, 'bert.embeddings.word_embeddings.weight']) {
        expect(initializers.get(`${name}_quantized`)?.dataType, name).toBe(ElementType.int8);
        expect(initializers.has(name), name).toBe(false);
      }
      expect(statSync(join(dir, ONNX_QUANTIZED_MODEL_FILE)).size).toBeLessThan(0.55 * statSync(join(dir, ONNX_MODEL_FILE)).size);
    });
  });

  it('removes the int8 file of an earlier export when the new one has none', async () => {
    await withModel('token-classification', async ({ model, tokenizer }) => {
      const dir = join(scratch, 'token-classification');
      expect(existsSync(join(dir, ONNX_QUANTIZED_MODEL_FILE))).toBe(true);
      const outcome = await exportOnnxFolder(dir, model, tokenizer);
      expect(outcome.files).not.toContain(ONNX_QUANTIZED_MODEL_FILE);
      expect(outcome.quantizedParity).toBeUndefined();
      expect(existsSync(join(dir, ONNX_QUANTIZED_MODEL_FILE))).toBe(false);
    });
  });

  it('refuses a model with a weight the graph would not read, naming it', async () => {
    await withModel('sequence-classification', async ({ model }) => {
      const weights = await modelWeights(model);
      weights.set('bert.encoder.layer.0.attention.self.relative_position.weight', { shape: [2, 2], values: new Float32Array(4) });
      expect(() => onnxModelBytes({ config: model.config, head: model.headName, weights }, { precision: 'float32' })).toThrow(/does not read bert\.encoder\.layer\.0\.attention\.self\.relative_position\.weight/);
    });
  });

  it('exports the pre-training run\'s masked-LM head as BertForMaskedLM, without the next-sentence classifier', async () => {
    await withModel('pretraining', async ({ model }) => {
      const session = await openOnnxSession(join(scratch, 'pretraining', ONNX_MODEL_FILE));
      try {
        expect(session.outputNames).toEqual(['logits']);
        expect(headFor('pretraining').outputNames).toContain('prediction_logits');
        const names = decodeOnnxModel(readFileSync(join(scratch, 'pretraining', ONNX_MODEL_FILE))).graph.initializer.map((t) => t.name);
        expect(names.some((n) => n?.startsWith('cls.seq_relationship') || n?.startsWith('bert.pooler'))).toBe(false);
        expect(names).toContain('cls.predictions.bias');
        expect(model.params.has('cls.seq_relationship.weight')).toBe(true);
      } finally {
        await session.release();
      }
    });
  });

  it('runs in transformers.js\' fill-mask pipeline, which fills [MASK] with the app\'s most likely token', async () => {
    await withModel('pretraining', async ({ model, tokenizer }) => {
      const app = exportTokenizer(model, tokenizer);
      // The app's tokenizer reads "[MASK]" typed as text as text (as BERT's own did), so the mask id goes in directly.
      const ids = [app.clsId, ...app.tokenize('paris is the').map((t) => t.id), app.maskId, ...app.tokenize('of france.').map((t) => t.id), app.sepId];
      const outputs = await appForward(model, [{ inputIds: ids, tokenTypeIds: ids.map(() => 0), attentionMask: ids.map(() => 1) }]);
      const expected = argmax((outputs.prediction_logits as number[][][])[0]![ids.indexOf(app.maskId)]!);
      env.allowRemoteModels = false;
      env.localModelPath = scratch;
      const fill = await pipeline('fill-mask', 'pretraining', { dtype: 'fp32', local_files_only: true });
      try {
        const [best] = (await fill('paris is the [MASK] of france.')) as { token: number; token_str: string }[];
        expect(best!.token).toBe(expected);
        expect(best!.token_str).toBe(app.idToToken(expected));
      } finally {
        await fill.dispose();
      }
    });
  });
});
