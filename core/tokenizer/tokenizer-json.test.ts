// A folder with only tokenizer.json tokenizes exactly as the same vocabulary given as
// vocab.txt + tokenizer_config.json; other tokenizer kinds are refused by name.
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTokenizer, readTokenizerFiles } from './load-node';
import { loadWordPieceFixture } from './testdata/fixtures';
import { wordPieceFromTokenizerJson } from './tokenizer-json';

const scratch = mkdtempSync(join(tmpdir(), 'tokenizer-json-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

/** tokenizer.json as `tokenizers` saves a BERT WordPiece tokenizer. */
function fastTokenizer(vocabLines: string[], lowercase: boolean): Record<string, unknown> {
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'].map((content) => ({ id: vocabLines.indexOf(content), content, special: true })),
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: true, strip_accents: null, lowercase },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: { type: 'TemplateProcessing' },
    decoder: { type: 'WordPiece', prefix: '##', cleanup: true },
    model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: 100, vocab: Object.fromEntries(vocabLines.map((t, i) => [t, i])) },
  };
}

describe('tokenizer.json', () => {
  const vocabPath = loadWordPieceFixture('cased').vocabPath;
  const lines = readFileSync(vocabPath, 'utf8').split('\n').filter((line, i, all) => line !== '' || i < all.length - 1);

  it('tokenizes as vocab.txt does, with the normalizer\'s casing', async () => {
    const slow = join(scratch, 'slow');
    const fast = join(scratch, 'fast');
    mkdirSync(slow);
    mkdirSync(fast);
    writeFileSync(join(slow, 'vocab.txt'), readFileSync(vocabPath));
    writeFileSync(join(slow, 'tokenizer_config.json'), JSON.stringify({ do_lower_case: false }));
    writeFileSync(join(fast, 'tokenizer.json'), JSON.stringify(fastTokenizer(lines, false)));
    const [a, b] = await Promise.all([loadTokenizer(slow), loadTokenizer(fast)]);
    for (const text of ['Hello World, this is BERT!', 'naïve café résumé', 'Transformers’ tokenizers: 12.5%']) {
      expect(b.encode(text).inputIds).toEqual(a.encode(text).inputIds);
    }
    expect(b.config.doLowerCase).toBe(false);
    const files = await readTokenizerFiles(fast);
    expect(files?.tokenizerConfig).toMatchObject({ do_lower_case: false, tokenizer_class: 'BertTokenizer' });
    expect(files?.vocab.split('\n')[100]).toBe(lines[100]);
  });

  it('refuses other tokenizers and broken vocabularies, naming what they are', () => {
    expect(() => wordPieceFromTokenizerJson({ model: { type: 'BPE', vocab: {} } })).toThrow('holds a BPE tokenizer; only WordPiece');
    expect(() => wordPieceFromTokenizerJson({ ...fastTokenizer(['a'], true), normalizer: { type: 'NFKC' } })).toThrow('NFKC normalizer');
    expect(() => wordPieceFromTokenizerJson({ model: { type: 'WordPiece', vocab: { a: 0, b: 2 } } })).toThrow('no token has id 1');
    expect(() => wordPieceFromTokenizerJson({ model: { type: 'WordPiece', vocab: { a: 0, b: 0 } } })).toThrow('the id 0 to two tokens');
  });
});
