// The ONNX export: one graph for the model's head (onnx-heads.ts) on the encoder
// (onnx-bert.ts), serialised with onnx-proto, in the folder layout transformers.js and
// Optimum read — config.json, tokenizer.json, tokenizer_config.json,
// special_tokens_map.json, vocab.txt, onnx/model.onnx and, when asked for,
// onnx/model_quantized.onnx (int8 weights, dynamic quantization).
import { VOCAB_FILE, TOKENIZER_CONFIG_FILE, CONFIG_FILE, type TokenizerFiles } from '../checkpoint/hf-folder';
import type { BertConfig } from '../model/config';
import type { HeadName } from '../model/layout';
import type { BertModel } from '../model/model';
import { ONNX_QUANTIZATIONS } from './formats';
import { exportConfigJson } from './hf-export';
import { encode, OnnxContext, type NamedArray, type WeightPrecision } from './onnx-bert';
import { OnnxGraph } from './onnx-graph';
import { BATCH_AXIS, ONNX_HEADS, SEQUENCE_AXIS, type OnnxOutput } from './onnx-heads';
import { TOKENIZER_JSON_FILE, tokenizerJsonBytes } from './tokenizer-json';
import { exportTokenizerConfig, SPECIAL_TOKENS_MAP_FILE, specialTokensMap, tokenizerSettings } from './tokenizer-files';

/** LayerNormalization is an ONNX operator from opset 17 on (ONNX 1.12, ONNX Runtime ≥ 1.12). */
export const ONNX_OPSET = 17;
export const ONNX_MODEL_FILE = 'onnx/model.onnx';
export const ONNX_QUANTIZED_MODEL_FILE = 'onnx/model_quantized.onnx';
/** The graph's inputs, in the order Transformers' tokenizers return them; int64 [batch_size, sequence_length]. */
export const ONNX_INPUT_NAMES = ['input_ids', 'attention_mask', 'token_type_ids'] as const;
/** Protobuf messages stop at 2 GiB; larger models need ONNX's external-data files, which this export does not write. */
const PROTOBUF_LIMIT_BYTES = 2 ** 31 - 1;

export type OnnxQuantization = (typeof ONNX_QUANTIZATIONS)[number];

/** What the graph is built from: the core's config, head and weights under their state-dict names. */
export interface OnnxModelSource {
  config: BertConfig;
  head: HeadName;
  weights: ReadonlyMap<string, NamedArray>;
}

export interface OnnxModelOptions {
  precision: WeightPrecision;
  /** Written into the model's producer_version, e.g. "0.1.0". */
  producerVersion?: string;
}

/** Every weight of the model as plain arrays (read asynchronously: WebGPU cannot read synchronously under Node). */
export async function modelWeights(model: BertModel): Promise<Map<string, NamedArray>> {
  const weights = new Map<string, NamedArray>();
  for (const [name, variable] of model.params.entries()) weights.set(name, { shape: [...variable.shape], values: (await variable.data()) as Float32Array });
  return weights;
}

/** The serialised ModelProto of the model's head graph. */
export function onnxModelBytes(source: OnnxModelSource, options: OnnxModelOptions): Uint8Array {
  const head = ONNX_HEADS[source.head];
  const graph = new OnnxGraph(head.architecture, ONNX_OPSET);
  const ctx = new OnnxContext(graph, source.config, source.weights, options.precision);
  const [inputIds, attentionMask, tokenTypeIds] = ONNX_INPUT_NAMES.map((name) => graph.input(name, 'int64', [BATCH_AXIS, SEQUENCE_AXIS])) as [string, string, string];
  const encoded = encode(ctx, { inputIds, attentionMask, tokenTypeIds }, head.readsPooler);
  const values = head.build(ctx, encoded);
  for (const output of head.outputs(source.config)) {
    const value = values[output.name];
    if (value === undefined) throw new Error(`the ${head.architecture} graph computes no ${output.name}`);
    graph.output(value, output.name, 'float', output.dims);
  }
  checkEveryWeightRead(source, ctx.used, [...head.dropped, ...(head.readsPooler ? [] : ['bert.pooler.'])]);
  const bytes = graph.toModelBytes({
    producerName: 'BERT Workbench',
    ...(options.producerVersion ? { producerVersion: options.producerVersion } : {}),
    docString: `${head.architecture} (${options.precision} weights), exported by BERT Workbench`,
    metadata: { architecture: head.architecture, weights: options.precision },
  });
  if (bytes.byteLength > PROTOBUF_LIMIT_BYTES) throw new Error(`the ONNX model is ${(bytes.byteLength / 2 ** 30).toFixed(1)} GiB, over protobuf's 2 GiB limit for one file`);
  return bytes;
}

/**
 * A weight of the model that the graph never reads means the graph is behind the core's
 * layout (a new parameter in core/model/layout.ts that onnx-bert.ts does not know yet):
 * refuse rather than export a model that computes something else.
 */
function checkEveryWeightRead(source: OnnxModelSource, used: ReadonlySet<string>, dropped: readonly string[]): void {
  const unread = [...source.weights.keys()].filter((name) => !used.has(name) && !dropped.some((prefix) => name.startsWith(prefix)));
  if (unread.length > 0) throw new Error(`the ONNX graph does not read ${unread.join(', ')}; the export does not know these weights`);
}

/** config.json of the export: Transformers' config for the graph's class (id2label and label2id included). */
export function onnxConfigJson(model: BertModel): Record<string, unknown> {
  return { ...exportConfigJson(model), architectures: [ONNX_HEADS[model.headName].architecture] };
}

export interface OnnxExportOptions {
  /** Also write onnx/model_quantized.onnx with int8 weights. */
  quantize?: OnnxQuantization;
  /** e.g. "0.1.0" */
  producerVersion?: string;
  /** README.md text. */
  readme?: string;
}

function json(value: unknown): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(value, null, 2) + '\n');
}

/** The export folder's files (name -> bytes), config.json last. */
export async function onnxExportFiles(model: BertModel, tokenizer: TokenizerFiles, options: OnnxExportOptions = {}): Promise<Map<string, Uint8Array>> {
  const maxLength = model.config.max_position_embeddings;
  const source: OnnxModelSource = { config: model.config, head: model.headName, weights: await modelWeights(model) };
  const version = options.producerVersion ? { producerVersion: options.producerVersion } : {};
  const settings = tokenizerSettings(tokenizer.tokenizerConfig, maxLength);
  const files = new Map<string, Uint8Array>();
  files.set(ONNX_MODEL_FILE, onnxModelBytes(source, { precision: 'float32', ...version }));
  if (options.quantize) files.set(ONNX_QUANTIZED_MODEL_FILE, onnxModelBytes(source, { precision: 'int8', ...version }));
  files.set(VOCAB_FILE, new TextEncoder().encode(tokenizer.vocab));
  files.set(TOKENIZER_JSON_FILE, tokenizerJsonBytes(tokenizer.vocab, settings));
  files.set(TOKENIZER_CONFIG_FILE, json(exportTokenizerConfig(tokenizer.tokenizerConfig, maxLength)));
  files.set(SPECIAL_TOKENS_MAP_FILE, json(specialTokensMap(settings)));
  if (options.readme !== undefined) files.set('README.md', new TextEncoder().encode(options.readme));
  files.set(CONFIG_FILE, json(onnxConfigJson(model)));
  return files;
}

/** README.md of an ONNX export: what is in the folder and how to run it. */
export function onnxReadme(model: BertModel, quantize: OnnxQuantization | undefined): string {
  const head = ONNX_HEADS[model.headName];
  const outputs = head.outputs(model.config);
  const shape = (o: OnnxOutput) => `[${o.dims.join(', ')}]`;
  return `# ${head.architecture} for ONNX Runtime and transformers.js

Exported by BERT Workbench: ONNX opset ${ONNX_OPSET}, float32${quantize ? ', and int8 (dynamically quantized MatMul weights)' : ''}.

- \`onnx/model.onnx\` — the model; inputs ${ONNX_INPUT_NAMES.map((n) => `\`${n}\``).join(', ')} (int64 [${BATCH_AXIS}, ${SEQUENCE_AXIS}], both axes dynamic); outputs ${outputs.map((o) => `\`${o.name}\` ${shape(o)}`).join(', ')}.
${quantize ? '- `onnx/model_quantized.onnx` — the same graph with int8 weights (DynamicQuantizeLinear + MatMulInteger), about a quarter of the size; outputs close to, not equal to, float32.\n' : ''}- \`config.json\` — the Transformers config (\`id2label\` / \`label2id\` included).
- \`tokenizer.json\` — the tokenizer in the Hugging Face tokenizers format; \`tokenizer_config.json\`, \`special_tokens_map.json\`, \`vocab.txt\` — the same for BertTokenizer.

## transformers.js

    import { pipeline, env } from '@huggingface/transformers';
    env.localModelPath = '/path/to/parent';  env.allowRemoteModels = false;
    const pipe = await pipeline('${head.pipeline}', '<this folder name>'${quantize ? ", { dtype: 'q8' }" : ", { dtype: 'fp32' }"});

## ONNX Runtime (Python)

    import numpy as np, onnxruntime as ort
    from tokenizers import Tokenizer
    session = ort.InferenceSession('onnx/model.onnx')
    e = Tokenizer.from_file('tokenizer.json').encode('some text')
    feed = {name: np.array([values], dtype=np.int64) for name, values in
            [('input_ids', e.ids), ('attention_mask', e.attention_mask), ('token_type_ids', e.type_ids)]}
    outputs = session.run(None, feed)
`;
}
