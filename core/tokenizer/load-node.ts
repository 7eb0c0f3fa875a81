// Loading tokenizers from disk (Node only; the rest of the tokenizer runs anywhere).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BertTokenizer } from './bert-tokenizer';
import { configFromTokenizerJson, type TokenizerConfig } from './config';

/** The bert-base-uncased vocabulary that ships with the app (the presets use it). */
export function defaultVocabPath(): string {
  return fileURLToPath(new URL('../assets/vocab/bert-base-uncased-vocab.txt', import.meta.url));
}

export async function loadDefaultTokenizer(): Promise<BertTokenizer> {
  return loadTokenizerFromVocabFile(defaultVocabPath(), { doLowerCase: true, modelMaxLength: 512 });
}

/** A checkpoint folder's tokenizer: vocab.txt, configured by tokenizer_config.json when there is one. */
export async function loadTokenizer(folder: string): Promise<BertTokenizer> {
  const configPath = join(folder, 'tokenizer_config.json');
  const configText = await readTextIfExists(configPath);
  let config: Partial<TokenizerConfig> = {};
  if (configText !== undefined) {
    try {
      config = configFromTokenizerJson(JSON.parse(configText));
    } catch (error) {
      throw new Error(`${configPath}: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
  return loadTokenizerFromVocabFile(join(folder, 'vocab.txt'), config);
}

export async function loadTokenizerFromVocabFile(vocabPath: string, config: Partial<TokenizerConfig> = {}): Promise<BertTokenizer> {
  const vocabText = await readTextIfExists(vocabPath);
  if (vocabText === undefined) throw new Error(`no vocabulary file at ${vocabPath}`);
  try {
    return BertTokenizer.fromVocabText(vocabText, config);
  } catch (error) {
    throw new Error(`${vocabPath}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readTextIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    if (isMissingFile(error)) return undefined;
    throw error;
  }
}

function isMissingFile(error: unknown): boolean {
  return error instanceof Error && 'code' in error && error.code === 'ENOENT';
}
