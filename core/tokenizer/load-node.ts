// Loading tokenizers from disk (Node only; the rest of the tokenizer runs anywhere).
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BertTokenizer } from './bert-tokenizer';
import { configFromTokenizerJson, type TokenizerConfig } from './config';
import { tokenizerConfigJson, wordPieceFromTokenizerJson } from './tokenizer-json';

/** A checkpoint's tokenizer as files: vocab.txt's text and tokenizer_config.json's object. */
export interface TokenizerFileContents {
  vocab: string;
  tokenizerConfig?: Record<string, unknown>;
}

/** The bert-base-uncased vocabulary that ships with the app (the presets use it). */
export function defaultVocabPath(): string {
  return fileURLToPath(new URL('../assets/vocab/bert-base-uncased-vocab.txt', import.meta.url));
}

export async function loadDefaultTokenizer(): Promise<BertTokenizer> {
  return loadTokenizerFromVocabFile(defaultVocabPath(), { doLowerCase: true, modelMaxLength: 512 });
}

async function readJsonObject(path: string): Promise<Record<string, unknown> | undefined> {
  const text = await readTextIfExists(path);
  if (text === undefined) return undefined;
  try {
    const json: unknown = JSON.parse(text);
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new Error('must hold a JSON object');
    return json as Record<string, unknown>;
  } catch (error) {
    throw new Error(`${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/**
 * A checkpoint folder's tokenizer files: vocab.txt with tokenizer_config.json, or, when
 * the folder has only a fast tokenizer, tokenizer.json turned into the same two (its
 * normalizer's settings written out, so the files saved beside a fine-tuned model say
 * what was used). Undefined when the folder has neither.
 */
export async function readTokenizerFiles(folder: string): Promise<TokenizerFileContents | undefined> {
  const tokenizerConfig = await readJsonObject(join(folder, 'tokenizer_config.json'));
  const vocab = await readTextIfExists(join(folder, 'vocab.txt'));
  if (vocab !== undefined) return { vocab, ...(tokenizerConfig ? { tokenizerConfig } : {}) };
  const fast = await readJsonObject(join(folder, 'tokenizer.json'));
  if (!fast) return undefined;
  let converted: ReturnType<typeof wordPieceFromTokenizerJson>;
  try {
    converted = wordPieceFromTokenizerJson(fast);
  } catch (error) {
    throw new Error(`${join(folder, 'tokenizer.json')}: ${error instanceof Error ? error.message : String(error)}`);
  }
  // tokenizer.json's normalizer is what the fast tokenizer applies; it wins over the config's flags.
  return { vocab: converted.vocab, tokenizerConfig: { ...tokenizerConfig, ...tokenizerConfigJson(converted.config) } };
}

/** A tokenizer from its files; `where` names them in errors. */
export function tokenizerFromFiles(files: TokenizerFileContents, where: string): BertTokenizer {
  let config: Partial<TokenizerConfig> = {};
  try {
    if (files.tokenizerConfig) config = configFromTokenizerJson(files.tokenizerConfig);
    return BertTokenizer.fromVocabText(files.vocab, config);
  } catch (error) {
    throw new Error(`${where}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** A checkpoint folder's tokenizer: vocab.txt configured by tokenizer_config.json, or tokenizer.json. */
export async function loadTokenizer(folder: string): Promise<BertTokenizer> {
  const files = await readTokenizerFiles(folder);
  if (!files) throw new Error(`no vocabulary file at ${join(folder, 'vocab.txt')} (nor a tokenizer.json)`);
  return tokenizerFromFiles(files, folder);
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
