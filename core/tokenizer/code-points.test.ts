import { describe, expect, it } from 'vitest';
import { codePointBoundaries, codePointLength, previousCodePointStart } from './code-points';

describe('code points', () => {
  const text = 'a😀b\u{20000}';

  it('steps over surrogate pairs as one character', () => {
    expect(codePointBoundaries(text)).toEqual([0, 1, 3, 4, 6]);
    expect(codePointBoundaries('')).toEqual([0]);
    expect(codePointLength(text, 1)).toBe(2);
    expect(codePointLength(text, 3)).toBe(1);
  });

  it('steps back over surrogate pairs as one character', () => {
    expect(previousCodePointStart(text, 3)).toBe(1);
    expect(previousCodePointStart(text, 6)).toBe(4);
    expect(previousCodePointStart(text, 1)).toBe(0);
  });

  it('treats a lone surrogate as a character of its own', () => {
    expect(codePointBoundaries('a\ud800b')).toEqual([0, 1, 2, 3]);
    expect(codePointBoundaries('\udc00\ud800')).toEqual([0, 1, 2]);
  });
});
