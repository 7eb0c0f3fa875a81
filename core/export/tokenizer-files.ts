// The tokenizer files of an export, as Transformers' BertTokenizer(.save_pretrained) writes
// them: tokenizer_config.json with every setting spelled out (a checkpoint's own file often
// states only do_lower_case) and special_tokens_map.json.
import { configFromTokenizerJson, withDefaults, type TokenizerConfig } from '../tokenizer/config';

export const SPECIAL_TOKENS_MAP_FILE = 'special_tokens_map.json';

/** The settings the checkpoint's tokenizer_config.json states, the defaults for the rest. */
export function tokenizerSettings(tokenizerConfig: Record<string, unknown> | undefined, modelMaxLength: number): TokenizerConfig {
  const stated = tokenizerConfig ? configFromTokenizerJson(tokenizerConfig) : {};
  return withDefaults({ modelMaxLength, ...stated });
}

/** tokenizer_config.json for `from_pretrained`: the original keys kept, every BertTokenizer setting stated. */
export function exportTokenizerConfig(tokenizerConfig: Record<string, unknown> | undefined, modelMaxLength: number): Record<string, unknown> {
  const s = tokenizerSettings(tokenizerConfig, modelMaxLength);
  return {
    ...tokenizerConfig,
    tokenizer_class: 'BertTokenizer',
    do_lower_case: s.doLowerCase,
    strip_accents: s.stripAccents,
    tokenize_chinese_chars: s.tokenizeChineseChars,
    do_basic_tokenize: true,
    never_split: null,
    unk_token: s.unkToken,
    sep_token: s.sepToken,
    pad_token: s.padToken,
    cls_token: s.clsToken,
    mask_token: s.maskToken,
    model_max_length: s.modelMaxLength ?? modelMaxLength,
    clean_up_tokenization_spaces: true,
  };
}

export function specialTokensMap(settings: TokenizerConfig): Record<string, string> {
  return { cls_token: settings.clsToken, mask_token: settings.maskToken, pad_token: settings.padToken, sep_token: settings.sepToken, unk_token: settings.unkToken };
}
