import { describe, expect, it } from 'vitest';
import { splitWords } from './pre-tokenize';

const words = (text: string) => splitWords(text).map(([from, to]) => text.slice(from, to));

describe('splitWords', () => {
  it('splits at whitespace and makes every punctuation character a word', () => {
    expect(words("  don't stop...now ")).toEqual(['don', "'", 't', 'stop', '.', '.', '.', 'now']);
    expect(words('')).toEqual([]);
    expect(words('   ')).toEqual([]);
  });

  it('keeps symbols and astral characters inside words', () => {
    expect(words('10°c h₂o a😀b')).toEqual(['10°c', 'h₂o', 'a😀b']);
  });

  it('returns unit ranges into the text', () => {
    expect(splitWords('😀 a,')).toEqual([
      [0, 2],
      [3, 4],
      [4, 5],
    ]);
  });
});
