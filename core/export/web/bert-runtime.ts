// BertWorkbench, the runtime of an exported TF.js page: the core's own tokenizer
// (core/tokenizer), model and heads (core/model), plus the loading a browser needs
// (fetch and tf.io, or files a person picks). It is not a copy: esbuild bundles this
// module and what it imports into the export's bert-runtime.js (../web-runtime-build.mjs),
// with core/tf.ts bound to the `tf` global of the page's tf.min.js, so the page carries one
// TensorFlow.js and computes what the app computes, op for op.
//
// Usage (browser, after tf.min.js and bert-runtime.js):
//   const { model, tokenizer } = await BertWorkbench.load(tf, '.');
//   const encoding = tokenizer.encode('a sentence');
//   const [row] = await model.run([encoding]);      // {logits: [...]} per example
//   const prediction = model.decode(row, encoding, tokenizer);
import * as tf from '../../tf';
import { configFromJson } from '../../checkpoint/config-json';
import type { BertConfig } from '../../model/config';
import { HEADS } from '../../model/heads/registry';
import type { PretrainingPrediction } from '../../model/heads/pretraining';
import type { QuestionAnsweringPrediction } from '../../model/heads/question-answering';
import type { SequenceClassificationPrediction } from '../../model/heads/sequence-classification';
import { argmax, labelName, softmax, type RowOutputs } from '../../model/heads/task-head';
import type { TokenClassificationPrediction } from '../../model/heads/token-classification';
import { isHeadName, parameterShapes, type HeadName } from '../../model/layout';
import { BertModel } from '../../model/model';
import { ParameterStore } from '../../model/parameter-store';
import { exampleProblem, predictBatch, type TokenizedExample } from '../../model/prediction';
import { BertTokenizer } from '../../tokenizer/bert-tokenizer';
import { configFromTokenizerJson, type TokenizerConfig } from '../../tokenizer/config';
import type { EncodeOptions, Encoding } from '../../tokenizer/encoding';
import { joinPieces } from '../../tokenizer/wordpiece';
import { TFJS_FORMAT, TFJS_FORMAT_VERSION, TFJS_MODEL_FILE, type TfjsModelJson } from '../tfjs-format';

export const FORMAT = TFJS_FORMAT;
export { argmax, softmax };

// ---------------------------------------------------------------------------------------
// Tokenizer: the core's BertTokenizer configured by the export's tokenizer_config.json.

export interface PageTokenizerOptions {
  /** "[MASK]" typed in the text is the mask token (the app's fill-mask does this for pre-training models). */
  maskTokenInText?: boolean;
}

export interface PageTokenizer {
  /** The core's tokenizer itself. */
  tokenizer: BertTokenizer;
  config: TokenizerConfig;
  vocabSize: number;
  maskId: number;
  /** [CLS] text [SEP] (pair [SEP]); options as the core's (maxLength, truncation 'longest_first' | 'only_second', …). */
  encode(text: string, pair?: string | null, options?: EncodeOptions): Encoding;
  tokenize(text: string): string[];
  idToToken(id: number): string | undefined;
}

export function createTokenizer(vocabText: string, tokenizerConfig: Record<string, unknown> = {}, options: PageTokenizerOptions = {}): PageTokenizer {
  const tokenizer = BertTokenizer.fromVocabText(vocabText, configFromTokenizerJson(tokenizerConfig));
  const maskTokenInText = options.maskTokenInText ?? false;
  return {
    tokenizer,
    config: tokenizer.config,
    vocabSize: tokenizer.vocabSize,
    maskId: tokenizer.maskId,
    encode: (text, pair, encodeOptions = {}) => tokenizer.encode(text, pair ?? undefined, { maskTokenInText, ...encodeOptions }),
    tokenize: (text) => tokenizer.tokenize(text).map((token) => token.text),
    idToToken: (id) => tokenizer.idToToken(id),
  };
}

// ---------------------------------------------------------------------------------------
// Model: the core's BertModel on the export's weights.

export type PagePrediction =
  | (SequenceClassificationPrediction & { probabilities?: { label: string; probability: number }[] })
  | (TokenClassificationPrediction & { tokens: { token: string; label: string }[] })
  | (QuestionAnsweringPrediction & { answer: string })
  | (PretrainingPrediction & { masks: { position: number; token_id: number; token: string }[] });

export interface PageModel {
  config: BertConfig;
  headName: HeadName;
  /** int32 [B, T] inputs -> last_hidden_state, pooler_output (when there is a pooler) and the head's outputs; the caller disposes them. */
  forward(inputIds: tf.Tensor2D, tokenTypeIds: tf.Tensor2D, attentionMask: tf.Tensor2D): Record<string, tf.Tensor>;
  /** The head's outputs per example as arrays, per-token outputs cut to the example's own length. */
  run(encodings: readonly TokenizedExample[]): Promise<RowOutputs[]>;
  /** What a person reads from one example's outputs: the head's own decoding, with the words it names. */
  decode(row: RowOutputs, encoding: Encoding, tokenizer?: PageTokenizer): PagePrediction;
  dispose(): void;
}

const RUNTIME_NAME = 'bert-runtime.js';

/** The runtime runs on the TensorFlow.js it was bundled against (the page's `tf`): tensors of another instance would not mix. */
function requirePageTf(tfjs: typeof tf): void {
  if (tfjs?.engine?.() !== tf.engine()) throw new Error(`${RUNTIME_NAME} runs on the page's TensorFlow.js (the \`tf\` of tf.min.js); pass that one`);
}

/** A model from model.json and its weights by state-dict name. It owns the weights, also when it refuses them: dispose() frees them. */
export function createModel(tfjs: typeof tf, modelJson: TfjsModelJson, weights: tf.NamedTensorMap): PageModel {
  const params = new ParameterStore();
  let model: BertModel;
  try {
    requirePageTf(tfjs);
    checkFormat(modelJson);
    const config = configFromJson(modelJson.config);
    const headName = modelJson.head?.name;
    if (typeof headName !== 'string' || !isHeadName(headName)) throw new Error(`${TFJS_MODEL_FILE}: head.name ${JSON.stringify(headName)} is not one of ${Object.keys(HEADS).join(', ')}`);
    const expected = parameterShapes(config, { pooler: 'bert.pooler.dense.weight' in weights, head: headName });
    for (const [name, shape] of expected) {
      const weight = weights[name];
      if (!weight) throw new Error(`the export has no weight ${name}, which a ${headName} model of this config has`);
      if (weight.shape.join() !== shape.join()) throw new Error(`weight ${name} has shape [${weight.shape.join(', ')}]; the config says [${shape.join(', ')}]`);
      params.addValue(name, weight);
    }
    const unexpected = Object.keys(weights).filter((name) => !expected.has(name));
    if (unexpected.length > 0) throw new Error(`the export has weights a ${headName} model of this config does not: ${unexpected.join(', ')}`);
    model = new BertModel(config, HEADS[headName], params);
  } catch (error) {
    params.dispose();
    tf.dispose(Object.values(weights));
    throw error;
  }
  return {
    config: model.config,
    headName: model.headName,
    forward: (inputIds, tokenTypeIds, attentionMask) => model.forward({ inputIds, tokenTypeIds, attentionMask }, { training: false }),
    run: (encodings) => run(model, encodings),
    decode: (row, encoding, tokenizer) => decode(model, row, encoding, tokenizer),
    dispose: () => model.dispose(),
  };
}

async function run(model: BertModel, encodings: readonly TokenizedExample[]): Promise<RowOutputs[]> {
  if (encodings.length === 0) return [];
  encodings.forEach((encoding, i) => {
    const problem = exampleProblem(encoding, model.config);
    if (problem) throw new Error(`example ${i + 1}: ${problem}`);
  });
  return (await predictBatch(model, encodings)).map((prediction) => prediction.outputs);
}

function decode(model: BertModel, row: RowOutputs, encoding: Encoding, tokenizer: PageTokenizer | undefined): PagePrediction {
  const { config } = model;
  const info = { config, tokenTypeIds: encoding.tokenTypeIds };
  switch (model.headName) {
    case 'sequence-classification': {
      const prediction = HEADS['sequence-classification'].decode(row, info);
      if (prediction.score === undefined) return prediction; // regression: one value, no probabilities
      return { ...prediction, probabilities: softmax(row.logits as number[]).map((probability, id) => ({ label: labelName(config, id), probability })) };
    }
    case 'token-classification': {
      const prediction = HEADS['token-classification'].decode(row, info);
      const tokens = encoding.tokens.map((token, i) => ({ token, label: prediction.labels[i]! })).filter((_, i) => encoding.sequenceIds[i] !== null);
      return { ...prediction, tokens };
    }
    case 'question-answering': {
      const span = HEADS['question-answering'].decode(row, info);
      return { ...span, answer: joinPieces(encoding.tokens.slice(span.start, span.end + 1)) };
    }
    case 'pretraining': {
      if (!tokenizer) throw new Error('decoding a pre-training model names tokens: pass the tokenizer to decode(row, encoding, tokenizer)');
      const prediction = HEADS.pretraining.decode(row, info);
      const masks = encoding.inputIds.flatMap((id, position) => {
        if (id !== tokenizer.maskId) return [];
        const tokenId = prediction.token_ids[position]!;
        return [{ position, token_id: tokenId, token: tokenizer.idToToken(tokenId) ?? `[${tokenId}]` }];
      });
      return { ...prediction, masks };
    }
  }
}

function checkFormat(modelJson: TfjsModelJson): void {
  if (modelJson?.format !== TFJS_FORMAT) throw new Error(`${TFJS_MODEL_FILE} is not a ${TFJS_FORMAT} export (format: ${JSON.stringify(modelJson?.format)})`);
  if (modelJson.formatVersion !== TFJS_FORMAT_VERSION) throw new Error(`${TFJS_MODEL_FILE} is format version ${modelJson.formatVersion}; this runtime reads version ${TFJS_FORMAT_VERSION}`);
}

// ---------------------------------------------------------------------------------------
// Loading: over HTTP(S) with fetch and tf.io.loadWeights, or from File objects (file://).

export interface LoadedExport {
  modelJson: TfjsModelJson;
  model: PageModel;
  tokenizer: PageTokenizer;
}

/** The export assembled from its contents, however they were read. */
export function loadFromContents(tfjs: typeof tf, modelJson: TfjsModelJson, weights: tf.NamedTensorMap, vocabText: string): LoadedExport {
  const model = createModel(tfjs, modelJson, weights);
  try {
    // The app reads a typed [MASK] as the mask token for pre-training models only (fill-mask).
    const tokenizer = createTokenizer(vocabText, modelJson.tokenizer.config, { maskTokenInText: model.headName === 'pretraining' });
    return { modelJson, model, tokenizer };
  } catch (error) {
    model.dispose();
    throw error;
  }
}

async function fetched(url: string): Promise<Response> {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`cannot fetch ${url}: HTTP ${response.status}`);
  return response;
}

export async function load(tfjs: typeof tf, baseUrl = '.'): Promise<LoadedExport> {
  requirePageTf(tfjs);
  const base = baseUrl.replace(/\/$/, '');
  const modelJson = (await (await fetched(`${base}/${TFJS_MODEL_FILE}`)).json()) as TfjsModelJson;
  checkFormat(modelJson);
  const vocabText = await (await fetched(`${base}/${modelJson.tokenizer.vocab}`)).text();
  const weights = await tf.io.loadWeights(modelJson.weightsManifest, base);
  return loadFromContents(tfjs, modelJson, weights, vocabText);
}

/** The export's files as picked in an <input type=file multiple> (pages opened from file://). */
export async function loadFromFiles(tfjs: typeof tf, files: FileList | readonly File[]): Promise<LoadedExport> {
  requirePageTf(tfjs);
  const byName = new Map(Array.from(files, (file) => [file.name, file] as const));
  const need = (name: string) => {
    const file = byName.get(name);
    if (!file) throw new Error(`pick ${name} too (all files of the export folder)`);
    return file;
  };
  const modelJson = JSON.parse(await need(TFJS_MODEL_FILE).text()) as TfjsModelJson;
  checkFormat(modelJson);
  const vocabText = await need(modelJson.tokenizer.vocab).text();
  const weights: tf.NamedTensorMap = {};
  for (const group of modelJson.weightsManifest) {
    const buffers = await Promise.all(group.paths.map((path) => need(path).arrayBuffer()));
    Object.assign(weights, tf.io.decodeWeights(buffers, group.weights));
  }
  return loadFromContents(tfjs, modelJson, weights, vocabText);
}
