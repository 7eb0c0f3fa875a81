// tokenizer.json, the Hugging Face `tokenizers` format that PreTrainedTokenizerFast,
// transformers.js and every tokenizers binding load: the core's WordPiece pipeline stage
// by stage (BertNormalizer -> BertPreTokenizer -> WordPiece -> TemplateProcessing), with
// the settings of the checkpoint's tokenizer_config.json (do_lower_case, strip_accents,
// tokenize_chinese_chars, max_input_chars_per_word, special tokens).
import { CJK_IDEOGRAPH_RANGES } from '../tokenizer/char-classes';
import type { TokenizerConfig } from '../tokenizer/config';
import { Vocab } from '../tokenizer/vocab';

export const TOKENIZER_JSON_FILE = 'tokenizer.json';

type TemplatePiece = { SpecialToken: { id: string; type_id: 0 | 1 } } | { Sequence: { id: 'A' | 'B'; type_id: 0 | 1 } };

/** Token -> id as WordPiece's vocab map wants it; a token listed twice keeps its last line (as BERT's load_vocab). */
function vocabMap(vocabText: string): Map<string, number> {
  const vocab = Vocab.parse(vocabText);
  const map = new Map<string, number>();
  for (let id = 0; id < vocab.size; id++) {
    const token = vocab.token(id);
    if (token !== undefined && vocab.id(token) === id) map.set(token, id);
  }
  return map;
}

function requireId(vocab: Map<string, number>, token: string): number {
  const id = vocab.get(token);
  if (id === undefined) throw new Error(`the vocabulary has no special token ${token}`);
  return id;
}

/**
 * BertNormalizer puts spaces around CJK ideographs, but transformers.js (4.3) reads the
 * text in UTF-16 units and misses the ideographs beyond U+FFFF (CJK Extension B–F, common
 * in names). A Split after BertPreTokenizer isolates those: what HF's Rust tokenizers and
 * the core do anyway, so for them it changes nothing.
 */
function astralIdeographSplit(): Record<string, unknown> {
  const hex = (cp: number) => `\\x{${cp.toString(16).toUpperCase()}}`;
  const ranges = CJK_IDEOGRAPH_RANGES.filter(([first]) => first > 0xffff).map(([first, last]) => `${hex(first)}-${hex(last)}`);
  return { type: 'Split', pattern: { Regex: `[${ranges.join('')}]` }, behavior: 'Isolated', invert: false };
}

/** The tokenizer.json object for a WordPiece vocabulary (vocab.txt's text) and the tokenizer's settings. */
export function tokenizerJson(vocabText: string, settings: TokenizerConfig): Record<string, unknown> {
  const vocab = vocabMap(vocabText);
  const { clsToken: cls, sepToken: sep } = settings;
  const specials = [settings.padToken, settings.unkToken, cls, sep, settings.maskToken];
  // What core/tokenizer/special-tokens.ts applies: [CLS] A [SEP] (B [SEP]), type 1 from B on.
  const single: TemplatePiece[] = [{ SpecialToken: { id: cls, type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } }, { SpecialToken: { id: sep, type_id: 0 } }];
  const pair: TemplatePiece[] = [...single, { Sequence: { id: 'B', type_id: 1 } }, { SpecialToken: { id: sep, type_id: 1 } }];
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: [...new Set(specials)]
      .map((content) => ({ id: requireId(vocab, content), content, single_word: false, lstrip: false, rstrip: false, normalized: false, special: true }))
      .sort((a, b) => a.id - b.id),
    normalizer: {
      type: 'BertNormalizer',
      clean_text: true,
      handle_chinese_chars: settings.tokenizeChineseChars,
      strip_accents: settings.stripAccents,
      lowercase: settings.doLowerCase,
    },
    pre_tokenizer: settings.tokenizeChineseChars ? { type: 'Sequence', pretokenizers: [{ type: 'BertPreTokenizer' }, astralIdeographSplit()] } : { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single,
      pair,
      special_tokens: Object.fromEntries([cls, sep].map((token) => [token, { id: token, ids: [requireId(vocab, token)], tokens: [token] }])),
    },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: {
      type: 'WordPiece',
      unk_token: settings.unkToken,
      continuing_subword_prefix: '##',
      max_input_chars_per_word: settings.maxInputCharsPerWord,
      vocab: Object.fromEntries(vocab),
    },
  };
}

export function tokenizerJsonBytes(vocabText: string, settings: TokenizerConfig): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(tokenizerJson(vocabText, settings), null, 2) + '\n');
}
