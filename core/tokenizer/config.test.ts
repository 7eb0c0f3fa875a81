import { describe, expect, it } from 'vitest';
import { configFromTokenizerJson, DEFAULT_TOKENIZER_CONFIG, shouldStripAccents, withDefaults } from './config';

describe('tokenizer config', () => {
  it("strips accents as Hugging Face does: null follows lowercasing, a boolean wins", () => {
    expect(shouldStripAccents({ doLowerCase: true, stripAccents: null })).toBe(true);
    expect(shouldStripAccents({ doLowerCase: false, stripAccents: null })).toBe(false);
    expect(shouldStripAccents({ doLowerCase: true, stripAccents: false })).toBe(false);
    expect(shouldStripAccents({ doLowerCase: false, stripAccents: true })).toBe(true);
  });

  it('reads the settings tokenizer_config.json states, special tokens as strings or AddedToken objects', () => {
    expect(
      configFromTokenizerJson({
        do_lower_case: false,
        strip_accents: null,
        tokenize_chinese_chars: false,
        model_max_length: 512,
        unk_token: { content: '<unk>', lstrip: false },
        mask_token: '<mask>',
        tokenizer_class: 'BertTokenizer',
      }),
    ).toEqual({ doLowerCase: false, stripAccents: null, tokenizeChineseChars: false, modelMaxLength: 512, unkToken: '<unk>', maskToken: '<mask>' });
  });

  it('leaves out what is not stated, and the "unlimited" model length', () => {
    expect(configFromTokenizerJson({ model_max_length: 1e30 })).toEqual({});
    expect(() => configFromTokenizerJson([1])).toThrow(/object/);
  });

  it('fills in defaults, a setting given as undefined counting as not given', () => {
    expect(withDefaults({ doLowerCase: false, maxInputCharsPerWord: undefined })).toEqual({ ...DEFAULT_TOKENIZER_CONFIG, doLowerCase: false });
  });
});
