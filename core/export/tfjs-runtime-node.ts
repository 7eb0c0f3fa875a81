// The exported page's own runtime (web/bert-runtime.js, copied into every TF.js export),
// run under Node on the core's TensorFlow.js, with the weights loaded by tf.io from the
// export's shards. The parity check and the tests run exactly the code a browser runs.
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '../tf';
import type { RowOutputs } from '../model/heads/task-head';
import { TFJS_FORMAT, TFJS_MODEL_FILE, type TfjsModelJson } from './tfjs-export';

export const RUNTIME_FILE = 'bert-runtime.js';

/** The folder of the page's static files (index.html, app.js, bert-runtime.js). */
export function webAssetsDir(): string {
  return fileURLToPath(new URL('./web/', import.meta.url));
}

export interface RuntimeEncoding {
  tokens: string[];
  inputIds: number[];
  tokenTypeIds: number[];
  attentionMask: number[];
}

export interface RuntimeTokenizer {
  encode(text: string, pair?: string, options?: { maxLength?: number; truncation?: 'longest_first' | 'only_second' }): RuntimeEncoding;
  tokenize(text: string): string[];
}

export interface RuntimeModel {
  /** int32 [B, T] inputs -> the head's outputs (the caller disposes them). */
  forward(inputIds: tf.Tensor2D, tokenTypeIds: tf.Tensor2D, attentionMask: tf.Tensor2D): Record<string, tf.Tensor>;
  run(encodings: RuntimeEncoding[]): Promise<RowOutputs[]>;
  decode(row: RowOutputs, encoding: RuntimeEncoding, tokenizer?: RuntimeTokenizer): Record<string, unknown>;
  dispose(): void;
}

export interface BertRuntime {
  FORMAT: string;
  createTokenizer(vocabText: string, tokenizerConfig: Record<string, unknown>): RuntimeTokenizer;
  createModel(tfjs: typeof tf, modelJson: TfjsModelJson, weights: tf.NamedTensorMap): RuntimeModel;
}

/** Evaluates a bert-runtime.js (default: the one exports copy) as the classic script it is. */
export function loadBertRuntime(file = join(webAssetsDir(), RUNTIME_FILE)): BertRuntime {
  const holder: { BertWorkbench?: BertRuntime } = {};
  // The script assigns to `self`; handing it an object keeps the global scope clean.
  new Function('self', readFileSync(file, 'utf8'))(holder);
  if (!holder.BertWorkbench) throw new Error(`${file} did not define BertWorkbench`);
  return holder.BertWorkbench;
}

export interface LoadedTfjsExport {
  modelJson: TfjsModelJson;
  model: RuntimeModel;
  tokenizer: RuntimeTokenizer;
}

/** model.json + shards through tf.io's weights loader, run by the export's own bert-runtime.js. */
export async function loadTfjsExport(dir: string): Promise<LoadedTfjsExport> {
  const modelJson = JSON.parse(await readFile(join(dir, TFJS_MODEL_FILE), 'utf8')) as TfjsModelJson;
  if (modelJson.format !== TFJS_FORMAT) throw new Error(`${join(dir, TFJS_MODEL_FILE)} is not a ${TFJS_FORMAT} export`);
  const loadWeights = tf.io.weightsLoaderFactory(async (paths: string[]) =>
    Promise.all(paths.map(async (path) => {
      const bytes = await readFile(path);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    })),
  );
  const weights = await loadWeights(modelJson.weightsManifest, dir);
  const runtime = loadBertRuntime(join(dir, RUNTIME_FILE));
  const vocab = await readFile(join(dir, modelJson.tokenizer.vocab), 'utf8');
  return { modelJson, model: runtime.createModel(tf, modelJson, weights), tokenizer: runtime.createTokenizer(vocab, modelJson.tokenizer.config) };
}
