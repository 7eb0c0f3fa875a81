// The exported page's runtime (bert-runtime.js: the core's own modules bundled for the
// browser, see web-runtime-build.mjs) run under Node on the core's TensorFlow.js, with the
// weights loaded by tf.io from the export's shards. The parity check and the tests run the
// very file a browser runs.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import * as tf from '../tf';
import { TFJS_FORMAT, TFJS_MODEL_FILE, type TfjsModelJson } from './tfjs-format';
import type * as PageRuntime from './web/bert-runtime';
import type { LoadedExport } from './web/bert-runtime';
import { RUNTIME_FILE, RUNTIME_GLOBAL, webRuntimeSource } from './web-runtime-build.mjs';

/** What bert-runtime.js defines: web/bert-runtime.ts's exports. */
export type BertRuntime = typeof PageRuntime;
export type LoadedTfjsExport = LoadedExport;

/** Evaluates a bert-runtime.js as the page's classic script does, its `tf` being the core's TensorFlow.js; `where` names it in errors. */
export function evaluateBertRuntime(source: string, where: string): BertRuntime {
  // A Function's scope stands in for the page's global one: the script's `tf` is the parameter, its top-level var stays inside.
  const runtime: unknown = new Function('tf', `${source}\n;return typeof ${RUNTIME_GLOBAL} === 'undefined' ? undefined : ${RUNTIME_GLOBAL};`)(tf);
  if (!runtime) throw new Error(`${where} did not define ${RUNTIME_GLOBAL}`);
  return runtime as BertRuntime;
}

/** The runtime that exports get, evaluated. */
export async function loadBertRuntime(): Promise<BertRuntime> {
  return evaluateBertRuntime(await webRuntimeSource(), RUNTIME_FILE);
}

/** model.json + shards through tf.io's weights loader, run by the export's own bert-runtime.js. */
export async function loadTfjsExport(dir: string): Promise<LoadedTfjsExport> {
  const modelJson = JSON.parse(await readFile(join(dir, TFJS_MODEL_FILE), 'utf8')) as TfjsModelJson;
  if (modelJson.format !== TFJS_FORMAT) throw new Error(`${join(dir, TFJS_MODEL_FILE)} is not a ${TFJS_FORMAT} export`);
  const runtimePath = join(dir, RUNTIME_FILE);
  const runtime = evaluateBertRuntime(await readFile(runtimePath, 'utf8'), runtimePath);
  const vocab = await readFile(join(dir, modelJson.tokenizer.vocab), 'utf8');
  const loadWeights = tf.io.weightsLoaderFactory(async (paths: string[]) =>
    Promise.all(paths.map(async (path) => {
      const bytes = await readFile(path);
      return bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer;
    })),
  );
  const weights = await loadWeights(modelJson.weightsManifest, dir);
  return runtime.loadFromContents(tf, modelJson, weights, vocab);
}
