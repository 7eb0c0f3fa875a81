// Reading and writing Hugging Face checkpoint folders on the file system (Node only).
// Every file is written atomically (core/io/atomic-write-node.ts), so a crash leaves the
// old file or the new one.
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write-node';
import { readTokenizerFiles } from '../tokenizer/load-node';
import { PRIVATE_DIR_MODE } from '../io/private-modes';
import { PYTORCH_WEIGHTS_FILE } from './pytorch-bin';
import { pytorchBinToSafetensorsNode } from './pytorch-bin-node';
import type { BertModel } from '../model/model';
import {
  CheckpointError,
  checkpointFiles,
  CONFIG_FILE,
  modelFromCheckpoint,
  WEIGHTS_FILE,
  type HfFolderContents,
  type LoadOptions,
  type LoadReport,
  type TokenizerFiles,
} from './hf-folder';

async function readOptional(path: string): Promise<Buffer | undefined> {
  try {
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

function parseJson(path: string, bytes: Buffer): Record<string, unknown> {
  try {
    return JSON.parse(bytes.toString('utf8')) as Record<string, unknown>;
  } catch (error) {
    throw new CheckpointError(`${path} is not valid JSON: ${(error as Error).message}`);
  }
}

export async function readHfFolder(dir: string): Promise<HfFolderContents> {
  const configPath = join(dir, CONFIG_FILE);
  const config = await readOptional(configPath);
  if (!config) throw new CheckpointError(`${dir} is not a Hugging Face checkpoint folder: it has no ${CONFIG_FILE}`);
  // model.safetensors first, as Transformers; else pytorch_model.bin, read into the same form.
  let weights: Uint8Array | undefined = await readOptional(join(dir, WEIGHTS_FILE));
  if (!weights) {
    const bin = await readOptional(join(dir, PYTORCH_WEIGHTS_FILE));
    if (!bin) throw new CheckpointError(`${dir} has no ${WEIGHTS_FILE} (nor ${PYTORCH_WEIGHTS_FILE})`);
    weights = pytorchBinToSafetensorsNode(bin);
  }
  // vocab.txt + tokenizer_config.json, or a fast tokenizer's tokenizer.json in the same form.
  let tokenizer: Awaited<ReturnType<typeof readTokenizerFiles>>;
  try {
    tokenizer = await readTokenizerFiles(dir);
  } catch (error) {
    throw new CheckpointError(error instanceof Error ? error.message : String(error));
  }
  return {
    config: parseJson(configPath, config),
    weights: new Uint8Array(weights.buffer, weights.byteOffset, weights.byteLength),
    ...(tokenizer ? { vocab: tokenizer.vocab } : {}),
    ...(tokenizer?.tokenizerConfig ? { tokenizerConfig: tokenizer.tokenizerConfig } : {}),
  };
}

export interface LoadedHfModel {
  model: BertModel;
  report: LoadReport;
  /** The folder's tokenizer files, to save beside the model again. */
  tokenizer?: TokenizerFiles;
}

export async function loadHfModel(dir: string, options: LoadOptions = {}): Promise<LoadedHfModel> {
  const contents = await readHfFolder(dir);
  const { model, report } = modelFromCheckpoint(contents, options);
  if (contents.vocab === undefined) return { model, report };
  return { model, report, tokenizer: { vocab: contents.vocab, ...(contents.tokenizerConfig ? { tokenizerConfig: contents.tokenizerConfig } : {}) } };
}

/** Writes `model` (and the tokenizer files, when given) as a folder Transformers' from_pretrained loads. */
export async function saveHfModel(dir: string, model: BertModel, tokenizer?: TokenizerFiles): Promise<void> {
  await mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  // config.json last: a folder with a config is a complete checkpoint.
  const files = [...(await checkpointFiles(model, tokenizer))].sort(([a], [b]) => Number(a === CONFIG_FILE) - Number(b === CONFIG_FILE));
  for (const [name, bytes] of files) await writeFileAtomic(join(dir, name), bytes);
}
