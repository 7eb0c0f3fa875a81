// The tokenizer's settings, under the names of Hugging Face's tokenizer_config.json where
// one exists, and how a checkpoint's tokenizer_config.json maps onto them.

export interface TokenizerConfig {
  doLowerCase: boolean;
  /** null: strip accents exactly when lowercasing (Hugging Face's default). */
  stripAccents: boolean | null;
  tokenizeChineseChars: boolean;
  /** Longer words (counted in code points, after normalisation) become one `[UNK]`. */
  maxInputCharsPerWord: number;
  unkToken: string;
  clsToken: string;
  sepToken: string;
  padToken: string;
  maskToken: string;
  /** The longest input the model accepts; the length used when truncation or padding asks for none. */
  modelMaxLength?: number;
}

export const DEFAULT_TOKENIZER_CONFIG: TokenizerConfig = {
  doLowerCase: true,
  stripAccents: null,
  tokenizeChineseChars: true,
  maxInputCharsPerWord: 100,
  unkToken: '[UNK]',
  clsToken: '[CLS]',
  sepToken: '[SEP]',
  padToken: '[PAD]',
  maskToken: '[MASK]',
};

/** The defaults, overridden by the settings given; a setting given as undefined counts as not given. */
export function withDefaults(config: Partial<TokenizerConfig>): TokenizerConfig {
  const given = Object.fromEntries(Object.entries(config).filter(([, value]) => value !== undefined));
  return { ...DEFAULT_TOKENIZER_CONFIG, ...given };
}

/** Hugging Face's rule: `strip_accents: null` follows `do_lower_case`. */
export function shouldStripAccents(config: Pick<TokenizerConfig, 'doLowerCase' | 'stripAccents'>): boolean {
  return config.stripAccents ?? config.doLowerCase;
}

// Transformers writes "no limit" as int(1e30); anything this large means the same.
const UNLIMITED_MODEL_LENGTH = 1e12;

/**
 * The settings a tokenizer_config.json states. Keys it does not mention are left out, so
 * the caller's defaults apply. Special tokens may be plain strings or AddedToken objects
 * (`{"content": "[UNK]", ...}`).
 */
export function configFromTokenizerJson(json: unknown): Partial<TokenizerConfig> {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new Error('tokenizer_config.json must hold a JSON object');
  }
  const source = json as Record<string, unknown>;
  const config: Partial<TokenizerConfig> = {};
  const lower = source['do_lower_case'];
  if (typeof lower === 'boolean') config.doLowerCase = lower;
  const strip = source['strip_accents'];
  if (typeof strip === 'boolean' || strip === null) config.stripAccents = strip;
  const chinese = source['tokenize_chinese_chars'];
  if (typeof chinese === 'boolean') config.tokenizeChineseChars = chinese;
  const maxChars = source['max_input_chars_per_word'];
  if (typeof maxChars === 'number' && maxChars > 0) config.maxInputCharsPerWord = maxChars;
  const maxLength = source['model_max_length'];
  if (typeof maxLength === 'number' && maxLength > 0 && maxLength < UNLIMITED_MODEL_LENGTH) config.modelMaxLength = maxLength;

  const specialTokens = { unkToken: 'unk_token', clsToken: 'cls_token', sepToken: 'sep_token', padToken: 'pad_token', maskToken: 'mask_token' } as const;
  for (const [key, jsonKey] of Object.entries(specialTokens) as [keyof typeof specialTokens, string][]) {
    const content = specialTokenContent(source[jsonKey]);
    if (content !== undefined) config[key] = content;
  }
  return config;
}

function specialTokenContent(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (typeof value === 'object' && value !== null && 'content' in value && typeof value.content === 'string') return value.content;
  return undefined;
}
