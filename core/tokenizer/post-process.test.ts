import { describe, expect, it } from 'vitest';
import type { EncodeOptions, Encoding, SequenceTokens } from './encoding';
import { postProcess, type PostProcessContext } from './post-process';
import { TruncationError } from './truncation';

const context: PostProcessContext = { template: { cls: { token: '[CLS]', id: 101 }, sep: { token: '[SEP]', id: 102 } }, pad: { token: '[PAD]', id: 0 } };

/** `length` tokens named a0, a1, ... (ids 1000, 1001, ...), each word two characters apart. */
function sequence(name: string, length: number): SequenceTokens {
  const indexes = Array.from({ length }, (_, i) => i);
  return {
    ids: indexes.map((i) => (name === 'a' ? 1000 : 2000) + i),
    tokens: indexes.map((i) => `${name}${i}`),
    offsets: indexes.map((i) => [2 * i, 2 * i + 1]),
    wordIds: indexes,
  };
}

const encode = (first: number, second: number | undefined, options: EncodeOptions) =>
  postProcess(sequence('a', first), second === undefined ? undefined : sequence('b', second), options, context);

/** How many tokens of each sequence an encoding holds. */
const lengths = (encoding: Encoding) => [0, 1].map((id) => encoding.sequenceIds.filter((s) => s === id).length);

describe('postProcess: template', () => {
  it('frames one sequence as [CLS] A [SEP]', () => {
    const encoding = encode(2, undefined, {});
    expect(encoding).toEqual({
      inputIds: [101, 1000, 1001, 102],
      tokenTypeIds: [0, 0, 0, 0],
      attentionMask: [1, 1, 1, 1],
      tokens: ['[CLS]', 'a0', 'a1', '[SEP]'],
      offsets: [null, [0, 1], [2, 3], null],
      sequenceIds: [null, 0, 0, null],
      wordIds: [null, 0, 1, null],
      overflowing: [],
    });
  });

  it('frames a pair as [CLS] A [SEP] B [SEP], token type 1 from B on', () => {
    const encoding = encode(1, 2, {});
    expect(encoding.tokens).toEqual(['[CLS]', 'a0', '[SEP]', 'b0', 'b1', '[SEP]']);
    expect(encoding.tokenTypeIds).toEqual([0, 0, 0, 1, 1, 1]);
    expect(encoding.sequenceIds).toEqual([null, 0, null, 1, 1, null]);
    // Offsets point into each sequence's own text.
    expect(encoding.offsets).toEqual([null, [0, 1], null, [0, 1], [2, 3], null]);
  });

  it('leaves the special tokens out on request, and counts none against maxLength then', () => {
    const encoding = encode(3, 2, { addSpecialTokens: false, maxLength: 4 });
    expect(encoding.tokens).toEqual(['a0', 'a1', 'b0', 'b1']);
    expect(encoding.tokenTypeIds).toEqual([0, 0, 1, 1]);
  });
});

describe('postProcess: padding', () => {
  it('pads to maxLength with [PAD], type 0 and a zero attention mask', () => {
    const encoding = encode(1, undefined, { maxLength: 5, padding: 'max_length' });
    expect(encoding.tokens).toEqual(['[CLS]', 'a0', '[SEP]', '[PAD]', '[PAD]']);
    expect(encoding.inputIds).toEqual([101, 1000, 102, 0, 0]);
    expect(encoding.attentionMask).toEqual([1, 1, 1, 0, 0]);
    expect(encoding.tokenTypeIds).toEqual([0, 0, 0, 0, 0]);
    expect(encoding.offsets.slice(3)).toEqual([null, null]);
    expect(encoding.wordIds.slice(3)).toEqual([null, null]);
  });

  it("uses the model's maximum length when none is given, and needs one", () => {
    const withModelLength = postProcess(sequence('a', 1), undefined, { padding: 'max_length' }, { ...context, modelMaxLength: 6 });
    expect(withModelLength.inputIds).toHaveLength(6);
    expect(() => encode(1, undefined, { padding: 'max_length' })).toThrow(/needs a maxLength/);
  });

  it('does not truncate when truncation is off, and then cannot pad either', () => {
    expect(encode(6, undefined, { maxLength: 4, truncation: false, padding: 'max_length' }).inputIds).toHaveLength(8);
  });
});

describe('postProcess: truncation at the boundary lengths', () => {
  // A pair of 4 + 6 tokens needs 13 with its 3 special tokens.
  it('longest_first: exactly fits, one over, both cut', () => {
    expect(lengths(encode(4, 6, { maxLength: 13 }))).toEqual([4, 6]);
    expect(lengths(encode(4, 6, { maxLength: 12 }))).toEqual([4, 5]);
    expect(lengths(encode(4, 6, { maxLength: 9 }))).toEqual([3, 3]);
    expect(lengths(encode(4, 6, { maxLength: 10 }))).toEqual([3, 4]);
    expect(encode(4, 6, { maxLength: 12 }).inputIds).toHaveLength(12);
  });

  it('longest_first is what maxLength alone means', () => {
    expect(encode(4, 6, { maxLength: 12 })).toEqual(encode(4, 6, { maxLength: 12, truncation: 'longest_first' }));
  });

  it('longest_first with one sequence empty cuts the other', () => {
    expect(lengths(encode(0, 6, { maxLength: 8 }))).toEqual([0, 5]);
    expect(lengths(encode(6, 0, { maxLength: 8 }))).toEqual([5, 0]);
    expect(lengths(encode(6, undefined, { maxLength: 8 }))).toEqual([6, 0]);
    expect(lengths(encode(7, undefined, { maxLength: 8 }))).toEqual([6, 0]);
  });

  it('only_first: exactly fits, one over, cut to one token, impossible', () => {
    expect(lengths(encode(4, 6, { maxLength: 13, truncation: 'only_first' }))).toEqual([4, 6]);
    expect(lengths(encode(4, 6, { maxLength: 12, truncation: 'only_first' }))).toEqual([3, 6]);
    expect(lengths(encode(4, 6, { maxLength: 10, truncation: 'only_first' }))).toEqual([1, 6]);
    expect(() => encode(4, 6, { maxLength: 9, truncation: 'only_first' })).toThrow(TruncationError);
    expect(() => encode(0, 6, { maxLength: 8, truncation: 'only_first' })).toThrow(/first sequence has 0/);
  });

  it('only_second: exactly fits, one over, cut to one token, impossible', () => {
    expect(lengths(encode(4, 6, { maxLength: 13, truncation: 'only_second' }))).toEqual([4, 6]);
    expect(lengths(encode(4, 6, { maxLength: 12, truncation: 'only_second' }))).toEqual([4, 5]);
    expect(lengths(encode(4, 6, { maxLength: 8, truncation: 'only_second' }))).toEqual([4, 1]);
    expect(() => encode(4, 6, { maxLength: 7, truncation: 'only_second' })).toThrow(/6 tokens must be removed but the second sequence has 6/);
    expect(() => encode(6, 0, { maxLength: 8, truncation: 'only_second' })).toThrow(/second sequence has 0/);
    expect(() => encode(6, undefined, { maxLength: 4, truncation: 'only_second' })).toThrow(/needs a second sequence/);
  });

  it('refuses a maxLength smaller than the special tokens, and nonsense lengths', () => {
    expect(() => encode(4, 6, { maxLength: 2 })).toThrow(/no room for the 3 special tokens/);
    expect(() => encode(4, 6, { maxLength: 0 })).toThrow(RangeError);
    expect(() => encode(4, 6, { maxLength: 5, stride: -1 })).toThrow(RangeError);
  });
});

describe('postProcess: overflowing windows', () => {
  // A QA feature: a 2-token question, a 20-token context, windows of 12 with stride 3.
  const windows = () => encode(2, 20, { maxLength: 12, truncation: 'only_second', stride: 3, returnOverflowingTokens: true, padding: 'max_length' });
  const contextTokens = (encoding: Encoding) => encoding.tokens.filter((_, i) => encoding.sequenceIds[i] === 1);

  it('cuts the context into windows that each repeat the last `stride` tokens of the one before', () => {
    const main = windows();
    const all = [main, ...main.overflowing];
    expect(all.map(contextTokens)).toEqual([
      ['b0', 'b1', 'b2', 'b3', 'b4', 'b5', 'b6'],
      ['b4', 'b5', 'b6', 'b7', 'b8', 'b9', 'b10'],
      ['b8', 'b9', 'b10', 'b11', 'b12', 'b13', 'b14'],
      ['b12', 'b13', 'b14', 'b15', 'b16', 'b17', 'b18'],
      ['b16', 'b17', 'b18', 'b19'],
    ]);
    for (let i = 1; i < all.length; i++) expect(contextTokens(all[i]!).slice(0, 3)).toEqual(contextTokens(all[i - 1]!).slice(-3));
  });

  it('repeats the question in every window, keeps context offsets and pads every window', () => {
    const main = windows();
    for (const window of [main, ...main.overflowing]) {
      expect(window.tokens.slice(0, 4)).toEqual(['[CLS]', 'a0', 'a1', '[SEP]']);
      expect(window.inputIds).toHaveLength(12);
      window.tokens.forEach((token, i) => {
        if (window.sequenceIds[i] === 1) expect(window.offsets[i]).toEqual([2 * Number(token.slice(1)), 2 * Number(token.slice(1)) + 1]);
      });
    }
    // The windows are a flat list: none has windows of its own.
    expect(main.overflowing.every((window) => window.overflowing.length === 0)).toBe(true);
    const last = main.overflowing.at(-1)!;
    expect(last.tokens).toEqual(['[CLS]', 'a0', 'a1', '[SEP]', 'b16', 'b17', 'b18', 'b19', '[SEP]', '[PAD]', '[PAD]', '[PAD]']);
  });

  it('drops the windows unless asked for them', () => {
    expect(encode(2, 20, { maxLength: 12, truncation: 'only_second', stride: 3 }).overflowing).toEqual([]);
  });

  it('pairs every window of both sequences when both are cut, in Hugging Face order', () => {
    const main = encode(4, 4, { maxLength: 7, returnOverflowingTokens: true });
    const pairs = [main, ...main.overflowing].map((e) => e.tokens.filter((_, i) => e.sequenceIds[i] !== null).join(' '));
    expect(pairs).toEqual(['a0 a1 b0 b1', 'a2 a3 b0 b1', 'a2 a3 b2 b3', 'a0 a1 b2 b3']);
  });

  it('refuses a stride as long as the window', () => {
    expect(() => encode(2, 20, { maxLength: 8, truncation: 'only_second', stride: 3 })).toThrow(/stride 3 must be smaller than the 3 tokens/);
  });
});
