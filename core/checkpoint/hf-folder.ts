// Hugging Face checkpoint folders (config.json, model.safetensors, vocab.txt,
// tokenizer_config.json) to and from a BertModel, on bytes and objects only; the file
// system lives in hf-folder-node.ts.
import * as tf from '../tf';
import { Rng } from '../random';
import { withLabels, type BertConfig } from '../model/config';
import { configFromJson } from './config-json';
import { headFor, headForArchitectures } from '../model/heads/registry';
import { headUsesPooler, parameterShapes, type HeadName, type Shape } from '../model/layout';
import { BertModel } from '../model/model';
import { initialValues, ParameterStore } from '../model/parameter-store';
import { newWeightsSentence, weightGroups } from './new-weights';
import { decodeFloat32, parseSafetensors, serializeSafetensors, type SafetensorsEntry, type TensorToWrite } from './safetensors';

export const CONFIG_FILE = 'config.json';
export const WEIGHTS_FILE = 'model.safetensors';
export const VOCAB_FILE = 'vocab.txt';
export const TOKENIZER_CONFIG_FILE = 'tokenizer_config.json';

export class CheckpointError extends Error {
  override name = 'CheckpointError';
}

/** The files of a checkpoint folder, as read from disk (tokenizer files optional). */
export interface HfFolderContents {
  config: Record<string, unknown>;
  weights: Uint8Array;
  vocab?: string;
  tokenizerConfig?: Record<string, unknown>;
}

export interface LoadOptions {
  /** The head to build; default from config.json's `architectures`. */
  head?: HeadName;
  /** New label names for a classification head (replaces id2label/label2id). */
  labels?: readonly string[];
  /** Seed for parameters the checkpoint lacks. */
  seed?: number;
  /** Re-initialise (and report) parameters whose shape differs, e.g. a classifier for other labels, instead of refusing. */
  ignoreMismatchedSizes?: boolean;
}

/** What loading did besides copying weights; `warnings` says it in sentences. */
export interface LoadReport {
  head: HeadName;
  /** Parameters the checkpoint lacks, initialised normal(0, initializer_range) (LayerNorm 1/0, biases 0). */
  initialised: string[];
  /** Checkpoint tensors the model has no use for (e.g. bert.embeddings.position_ids). */
  unexpected: string[];
  /** Legacy names read under their current name (LayerNorm gamma/beta -> weight/bias). */
  renamed: [from: string, to: string][];
  warnings: string[];
}


export { configFromJson };

/** config.json as Transformers writes it: model_type, architectures and the label maps included. */
export function configToJson(config: BertConfig, architecture: string): Record<string, unknown> {
  const labelled = config.id2label ? config : withLabels(config, ['LABEL_0', 'LABEL_1']);
  return {
    ...labelled,
    architectures: [architecture],
    model_type: 'bert',
    position_embedding_type: 'absolute',
    torch_dtype: 'float32',
  };
}

/** The current name of a checkpoint key: `bert.` prefix for bare BertModel files, gamma/beta -> weight/bias. */
function currentName(key: string): string {
  let name = /^(embeddings|encoder|pooler)\./.test(key) ? `bert.${key}` : key;
  name = name.replace(/LayerNorm\.gamma$/, 'LayerNorm.weight').replace(/LayerNorm\.beta$/, 'LayerNorm.bias');
  return name;
}

/** Stored by older Transformers versions although tied to the word embeddings and cls.predictions.bias. */
const TIED_KEYS = new Set(['cls.predictions.decoder.weight', 'cls.predictions.decoder.bias']);

function sameShape(a: Shape, b: Shape): boolean {
  return a.length === b.length && a.every((d, i) => d === b[i]);
}

function formatShape(shape: Shape): string {
  return `[${shape.join(', ')}]`;
}

/** A BertModel from checkpoint contents, with what it had to initialise or skip. */
export function modelFromCheckpoint(contents: HfFolderContents, options: LoadOptions = {}): { model: BertModel; report: LoadReport } {
  let config = configFromJson(contents.config);
  if (options.labels) config = withLabels(config, options.labels);
  const head = options.head ?? headForArchitectures(config.architectures);
  if (!head) {
    throw new CheckpointError(
      `config.json names no architecture with a task head here (${config.architectures?.join(', ') || 'none'}); choose a head (sequence-classification, token-classification, question-answering, pretraining)`,
    );
  }

  const report: LoadReport = { head, initialised: [], unexpected: [], renamed: [], warnings: [] };
  const stored = new Map<string, SafetensorsEntry>();
  for (const [key, entry] of parseSafetensors(contents.weights).tensors) {
    const name = currentName(key);
    if (TIED_KEYS.has(name)) continue;
    if (name !== key) report.renamed.push([key, name]);
    stored.set(name, entry);
  }

  const pooler = headUsesPooler(head) || stored.has('bert.pooler.dense.weight');
  const expected = parameterShapes(config, { pooler, head });
  const rng = new Rng(options.seed ?? 0);
  const params = new ParameterStore();
  try {
    for (const [name, shape] of expected) {
      const entry = stored.get(name);
      if (entry && !sameShape(entry.shape, shape) && !options.ignoreMismatchedSizes) {
        throw new CheckpointError(`checkpoint parameter ${name} has shape ${formatShape(entry.shape)} but the config expects ${formatShape(shape)}`);
      }
      if (entry && sameShape(entry.shape, shape)) {
        params.addValue(name, tf.tensor(decodeFloat32(name, entry), shape, 'float32'));
        continue;
      }
      if (entry) report.warnings.push(`${name} has shape ${formatShape(entry.shape)} in the checkpoint, ${formatShape(shape)} here: initialised anew`);
      params.addValue(name, initialValues(name, shape, rng, config.initializer_range));
      report.initialised.push(name);
    }
  } catch (error) {
    params.dispose();
    throw error;
  }

  report.unexpected = [...stored.keys()].filter((name) => !expected.has(name));
  const missingEncoder = report.initialised.filter((name) => name.startsWith('bert.'));
  const missingHead = report.initialised.filter((name) => !name.startsWith('bert.'));
  if (missingEncoder.length > 0) report.warnings.push(`the checkpoint lacks ${missingEncoder.length} encoder parameters (${weightGroups(missingEncoder).join(', ')}); they start random`);
  if (missingHead.length > 0) report.warnings.push(newWeightsSentence(head, missingHead, config.initializer_range));
  if (report.unexpected.length > 0) report.warnings.push(`not used by the ${head} model (as Transformers, they are left out): ${weightGroups(report.unexpected).join(', ')} (${report.unexpected.length} tensors)`);
  return { model: new BertModel(config, headFor(head), params), report };
}

export interface TokenizerFiles {
  /** vocab.txt, one token a line. */
  vocab: string;
  tokenizerConfig?: Record<string, unknown>;
}

/**
 * The files of a checkpoint folder for `model`: config.json, model.safetensors with
 * exactly the state-dict names and shapes (the tied decoder not stored, as Transformers
 * saves it), and the tokenizer files when given. Values are the files' bytes.
 */
export async function checkpointFiles(model: BertModel, tokenizer?: TokenizerFiles): Promise<Map<string, Uint8Array>> {
  const encoder = new TextEncoder();
  const tensors = new Map<string, TensorToWrite>();
  for (const [name, variable] of model.params.entries()) {
    // Read asynchronously: the WebGPU backend cannot read synchronously under Node.
    tensors.set(name, { dtype: 'F32', shape: [...variable.shape], data: (await variable.data()) as Float32Array });
  }
  const files = new Map<string, Uint8Array>();
  files.set(WEIGHTS_FILE, serializeSafetensors(tensors));
  files.set(CONFIG_FILE, encoder.encode(JSON.stringify(configToJson(model.config, model.head.architecture), null, 2) + '\n'));
  if (tokenizer) {
    files.set(VOCAB_FILE, encoder.encode(tokenizer.vocab));
    if (tokenizer.tokenizerConfig) files.set(TOKENIZER_CONFIG_FILE, encoder.encode(JSON.stringify(tokenizer.tokenizerConfig, null, 2) + '\n'));
  }
  return files;
}
