// Reading a fast tokenizer's tokenizer.json (Hugging Face `tokenizers`) as the same
// WordPiece pipeline this core runs: the vocabulary in id order and the normalizer's
// settings. Repositories that ship only tokenizer.json (no vocab.txt) load through here;
// a tokenizer of another kind (BPE, Unigram, another normalizer) is refused, naming what
// it is, rather than approximated.
import type { TokenizerConfig } from './config';

export class TokenizerJsonError extends Error {
  override name = 'TokenizerJsonError';
}

export interface WordPieceFromJson {
  /** vocab.txt's text: one token a line, line n = id n. */
  vocab: string;
  config: Partial<TokenizerConfig>;
}

type Json = Record<string, unknown>;

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The BertNormalizer, alone or inside a Sequence. */
function bertNormalizer(normalizer: unknown): Json {
  if (isObject(normalizer) && normalizer.type === 'BertNormalizer') return normalizer;
  if (isObject(normalizer) && normalizer.type === 'Sequence' && Array.isArray(normalizer.normalizers)) {
    const found = normalizer.normalizers.filter((n) => isObject(n) && n.type === 'BertNormalizer');
    if (found.length === 1 && normalizer.normalizers.length === 1) return found[0] as Json;
  }
  const type = isObject(normalizer) ? String(normalizer.type) : String(normalizer);
  throw new TokenizerJsonError(`tokenizer.json uses the ${type} normalizer; only BERT's (BertNormalizer) is supported`);
}

export function wordPieceFromTokenizerJson(json: unknown): WordPieceFromJson {
  if (!isObject(json) || !isObject(json.model)) throw new TokenizerJsonError('tokenizer.json must be a JSON object with a "model"');
  const model = json.model;
  if (model.type !== 'WordPiece') throw new TokenizerJsonError(`tokenizer.json holds a ${String(model.type)} tokenizer; only WordPiece (BERT) tokenizers are supported`);
  if (model.continuing_subword_prefix !== undefined && model.continuing_subword_prefix !== '##') {
    throw new TokenizerJsonError(`tokenizer.json's WordPiece marks word pieces with "${String(model.continuing_subword_prefix)}"; only "##" is supported`);
  }
  if (!isObject(model.vocab)) throw new TokenizerJsonError('tokenizer.json has no WordPiece vocabulary (model.vocab)');
  const byId: string[] = [];
  for (const [token, id] of Object.entries(model.vocab)) {
    if (!Number.isInteger(id) || (id as number) < 0) throw new TokenizerJsonError(`tokenizer.json gives the token ${JSON.stringify(token)} the id ${JSON.stringify(id)}`);
    if (byId[id as number] !== undefined) throw new TokenizerJsonError(`tokenizer.json gives the id ${String(id)} to two tokens`);
    if (/[\n\r]/.test(token)) throw new TokenizerJsonError(`tokenizer.json has a token with a line break (id ${String(id)}), which vocab.txt cannot hold`);
    byId[id as number] = token;
  }
  const gap = byId.findIndex((token) => token === undefined);
  if (byId.length === 0 || gap >= 0) throw new TokenizerJsonError(`tokenizer.json's vocabulary is not numbered 0..n-1 (no token has id ${gap >= 0 ? gap : 0})`);
  const preTokenizer = json.pre_tokenizer;
  if (preTokenizer !== null && preTokenizer !== undefined && !(isObject(preTokenizer) && preTokenizer.type === 'BertPreTokenizer')) {
    throw new TokenizerJsonError(`tokenizer.json uses the ${isObject(preTokenizer) ? String(preTokenizer.type) : 'unknown'} pre-tokenizer; only BertPreTokenizer is supported`);
  }

  const config: Partial<TokenizerConfig> = {};
  if (json.normalizer !== null && json.normalizer !== undefined) {
    const normalizer = bertNormalizer(json.normalizer);
    if (typeof normalizer.lowercase === 'boolean') config.doLowerCase = normalizer.lowercase;
    if (typeof normalizer.strip_accents === 'boolean' || normalizer.strip_accents === null) config.stripAccents = normalizer.strip_accents as boolean | null;
    if (typeof normalizer.handle_chinese_chars === 'boolean') config.tokenizeChineseChars = normalizer.handle_chinese_chars;
  } else {
    config.doLowerCase = false; // no normalizer: text is used as it is
  }
  if (typeof model.unk_token === 'string') config.unkToken = model.unk_token;
  if (typeof model.max_input_chars_per_word === 'number' && model.max_input_chars_per_word > 0) config.maxInputCharsPerWord = model.max_input_chars_per_word;
  return { vocab: byId.join('\n') + '\n', config };
}

/** The settings as tokenizer_config.json states them, so that a checkpoint saved with vocab.txt reads back the same. */
export function tokenizerConfigJson(config: Partial<TokenizerConfig>): Record<string, unknown> {
  const json: Record<string, unknown> = { tokenizer_class: 'BertTokenizer' };
  if (config.doLowerCase !== undefined) json.do_lower_case = config.doLowerCase;
  if (config.stripAccents !== undefined) json.strip_accents = config.stripAccents;
  if (config.tokenizeChineseChars !== undefined) json.tokenize_chinese_chars = config.tokenizeChineseChars;
  if (config.unkToken !== undefined) json.unk_token = config.unkToken;
  if (config.modelMaxLength !== undefined) json.model_max_length = config.modelMaxLength;
  return json;
}
