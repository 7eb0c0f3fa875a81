import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { BertTokenizer, type Token } from './index';
import { loadWordPieceFixture, type FixtureName } from './testdata/fixtures';

function fixtureTokenizer(name: FixtureName) {
  const fixture = loadWordPieceFixture(name);
  const tokenizer = BertTokenizer.fromVocabText(readFileSync(fixture.vocabPath, 'utf8'), {
    doLowerCase: fixture.lower,
    maxInputCharsPerWord: fixture.maxInputCharsPerWord,
  });
  return { fixture, tokenizer };
}

const label = (text: string) => JSON.stringify(text).slice(0, 50);

/**
 * An independent, offset-free statement of BERT's normalisation: what a span of the input
 * should read as once cleaned, lowercased and stripped of accents.
 */
function normalizeSlice(slice: string, lower: boolean): string {
  const cleaned = [...slice].filter((char) => !/^[\p{Cc}\p{Cf}\uFFFD]$/u.test(char) || '\t\n\r'.includes(char)).join('');
  return lower ? cleaned.toLowerCase().normalize('NFD').replace(/\p{Mn}/gu, '') : cleaned;
}

/**
 * Tokens that share input characters (several pieces of one character, as Hangul
 * syllables decompose into jamo) are checked together: their pieces must spell what
 * the shared span normalises to.
 */
function spanGroups(tokens: Token[]): Token[][] {
  const groups: Token[][] = [];
  for (const token of tokens) {
    const group = groups.at(-1);
    if (group && token.start < Math.max(...group.map((t) => t.end))) group.push(token);
    else groups.push([token]);
  }
  return groups;
}

describe.each(['uncased', 'cased'] as const)('%s: the conformance cases of BERT\'s own tokenizer', (name) => {
  const { fixture, tokenizer } = fixtureTokenizer(name);

  it.each(fixture.cases.map((c) => [label(c.text), c] as const))('%s', (_label, { text, tokens, ids }) => {
    const result = tokenizer.tokenize(text);
    expect(result.map((t) => t.text)).toEqual(tokens);
    expect(result.map((t) => t.id)).toEqual(ids);
  });

  it('gives every token the span of the input that normalises to it ([UNK]: the whole word)', () => {
    for (const { text } of fixture.cases) {
      const tokens = tokenizer.tokenize(text);
      let previousEnd = 0;
      for (const group of spanGroups(tokens)) {
        const start = group[0]!.start;
        const end = Math.max(...group.map((t) => t.end));
        const where = `${label(text)} [${start}, ${end})`;
        expect(start, where).toBeGreaterThanOrEqual(previousEnd);
        expect(end, where).toBeLessThanOrEqual(text.length);
        previousEnd = end;
        const slice = normalizeSlice(text.slice(start, end), fixture.lower);
        if (group.length === 1 && group[0]!.text === '[UNK]') {
          expect(slice, where).not.toBe('');
          expect(slice, where).not.toMatch(/\s/u);
        } else {
          expect(group.map((t) => t.text.replace(/^##/, '')).join(''), where).toBe(slice);
        }
      }
    }
  });

  it('covers every character that survives normalisation, cutting no surrogate pair', () => {
    for (const { text } of fixture.cases) {
      const tokens = tokenizer.tokenize(text);
      for (let i = 0; i < text.length; ) {
        const char = String.fromCodePoint(text.codePointAt(i)!);
        const survives = normalizeSlice(char, fixture.lower).trim() !== '';
        const covered = tokens.some((t) => t.start <= i && i + char.length <= t.end);
        if (survives) expect(covered, `${label(text)} at ${i}`).toBe(true);
        if (char.length === 2) expect(tokens.some((t) => t.start === i + 1 || t.end === i + 1), `${label(text)} at ${i}`).toBe(false);
        i += char.length;
      }
    }
  });
});

describe('BertTokenizer', () => {
  const { tokenizer } = fixtureTokenizer('uncased');
  const spans = (text: string) => tokenizer.tokenize(text).map((t) => [t.text, text.slice(t.start, t.end)]);

  it('knows the ids of its special tokens', () => {
    expect([tokenizer.padId, tokenizer.unkId, tokenizer.clsId, tokenizer.sepId, tokenizer.maskId]).toEqual([0, 100, 101, 102, 103]);
    expect(tokenizer.vocabSize).toBe(30522);
    expect(tokenizer.tokenToId('hello')).toBe(7592);
    expect(tokenizer.idToToken(7592)).toBe('hello');
  });

  it('spans the characters as typed: accents typed decomposed, emoji, deleted characters', () => {
    expect(spans('Cafe\u0301 ok')).toEqual([['cafe', 'Cafe\u0301'], ['ok', 'ok']]);
    expect(spans('x😀 y')).toEqual([['[UNK]', 'x😀'], ['y', 'y']]);
    expect(spans('\ufeffhello\u200bworld')).toEqual([['hello', 'hello'], ['##world', 'world']]);
    expect(spans('𠀀東')).toEqual([['[UNK]', '𠀀'], ['東', '東']]);
  });

  it('numbers the whitespace- and punctuation-split words of a text', () => {
    const encoding = tokenizer.encode("don't stop", undefined, { addSpecialTokens: false });
    expect(encoding.tokens).toEqual(['don', "'", 't', 'stop']);
    expect(encoding.wordIds).toEqual([0, 1, 2, 3]);
  });

  it('encodes a question and its context with offsets into each', () => {
    const question = 'Where is Caen?';
    const context = 'Caen is in Normandy.';
    const encoding = tokenizer.encode(question, context, { maxLength: 16, padding: 'max_length' });
    expect(encoding.tokens).toEqual(['[CLS]', 'where', 'is', 'ca', '##en', '?', '[SEP]', 'ca', '##en', 'is', 'in', 'normandy', '.', '[SEP]', '[PAD]', '[PAD]']);
    expect(encoding.tokenTypeIds).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0]);
    const normandy = encoding.tokens.indexOf('normandy');
    expect(context.slice(...encoding.offsets[normandy]!)).toBe('Normandy');
    expect(question.slice(...encoding.offsets[3]!)).toBe('Ca');
  });

  it('encodes words split beforehand (NER): offsets within each word, word ids into the array', () => {
    const encoding = tokenizer.encodeWords(['Hello', 'world!', '\u200b', 'Naïve'], ['Yes']);
    expect(encoding.tokens).toEqual(['[CLS]', 'hello', 'world', '!', 'naive', '[SEP]', 'yes', '[SEP]']);
    expect(encoding.wordIds).toEqual([null, 0, 1, 1, 3, null, 0, null]);
    expect(encoding.offsets).toEqual([null, [0, 5], [0, 5], [5, 6], [0, 5], null, [0, 3], null]);
    expect(encoding.sequenceIds).toEqual([null, 0, 0, 0, 0, null, 1, null]);
  });

  it('reads the mask token typed in the text as that token only when asked (fill-mask input)', () => {
    const text = 'Paris is the [MASK] of France.[MASK]';
    expect(tokenizer.encode(text, undefined, { addSpecialTokens: false }).tokens).toEqual(['paris', 'is', 'the', '[', 'mask', ']', 'of', 'france', '.', '[', 'mask', ']']);
    const masked = tokenizer.encode(text, 'A [MASK].', { maskTokenInText: true });
    expect(masked.tokens).toEqual(['[CLS]', 'paris', 'is', 'the', '[MASK]', 'of', 'france', '.', '[MASK]', '[SEP]', 'a', '[MASK]', '.', '[SEP]']);
    expect(masked.inputIds.filter((id) => id === tokenizer.maskId)).toHaveLength(3);
    expect(masked.wordIds).toEqual([null, 0, 1, 2, 3, 4, 5, 6, 7, null, 0, 1, 2, null]);
    expect(masked.tokenTypeIds).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(masked.offsets.slice(1, 9).map((o) => text.slice(...o!))).toEqual(['Paris', 'is', 'the', '[MASK]', 'of', 'France', '.', '[MASK]']);
    // Matched as typed, before lowercasing, as Transformers matches special tokens.
    expect(tokenizer.encode('[mask]', undefined, { maskTokenInText: true, addSpecialTokens: false }).tokens).toEqual(['[', 'mask', ']']);
  });

  it('decodes ids back to text, gluing ## pieces, optionally without special tokens', () => {
    const { inputIds } = tokenizer.encode('Unaffable, isn\'t it?');
    expect(tokenizer.decode(inputIds)).toBe("[CLS] unaffable , isn ' t it ? [SEP]");
    expect(tokenizer.decode(inputIds, { skipSpecialTokens: true })).toBe("unaffable , isn ' t it ?");
    expect(() => tokenizer.decode([30522])).toThrow(/outside the vocabulary/);
  });

  it('takes the word limit from the config', () => {
    const vocab = readFileSync(loadWordPieceFixture('uncased').vocabPath, 'utf8');
    const strict = BertTokenizer.fromVocabText(vocab, { maxInputCharsPerWord: 5 });
    expect(strict.tokenize('hello helloo').map((t) => t.text)).toEqual(['hello', '[UNK]']);
    expect(() => BertTokenizer.fromVocabText(vocab, { maxInputCharsPerWord: 0 })).toThrow(/positive integer/);
  });

  it('needs its special tokens in the vocabulary', () => {
    expect(() => BertTokenizer.fromVocabText('[PAD]\n[UNK]\n[CLS]\n[SEP]\n')).toThrow(/\[MASK\]/);
  });
});
