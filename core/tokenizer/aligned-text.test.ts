import { describe, expect, it } from 'vitest';
import { alignedOriginal, mapCodePoints, originalSpan } from './aligned-text';

describe('aligned text', () => {
  it('starts out pointing every unit at itself, both halves of a pair at the pair', () => {
    const aligned = alignedOriginal('a😀b');
    expect(aligned.text).toBe('a😀b');
    expect(aligned.origins).toEqual([0, 1, 1, 3]);
    expect(originalSpan(aligned, 1, 3)).toEqual([1, 3]);
  });

  it('returns the same object when a mapping changes nothing', () => {
    const aligned = alignedOriginal('plain text');
    expect(mapCodePoints(aligned, (_cp, char) => char)).toBe(aligned);
  });

  it('keeps the origin of each character through deletions and expansions', () => {
    // Delete "-", double "😀" into two "xy" units, keep the rest.
    const mapped = mapCodePoints(alignedOriginal('a-😀b'), (_cp, char) => (char === '-' ? '' : char === '😀' ? 'xy' : char));
    expect(mapped.text).toBe('axyb');
    expect(mapped.origins).toEqual([0, 2, 2, 4]);
    // Both expanded units span the whole emoji; across the deletion the span covers it.
    expect(originalSpan(mapped, 1, 2)).toEqual([2, 4]);
    expect(originalSpan(mapped, 0, 4)).toEqual([0, 5]);
    expect(mapped.original).toBe('a-😀b');
  });

  it('passes the unit index of each code point to the mapping', () => {
    const indexes: number[] = [];
    mapCodePoints(alignedOriginal('a😀b'), (_cp, char, index) => {
      indexes.push(index);
      return char;
    });
    expect(indexes).toEqual([0, 1, 3]);
  });

  it('gives deleted combining marks to the character they sat on, never deleted other characters', () => {
    // "e" + U+0301 with the accent stripped, then a deleted zero-width space.
    const stripped = mapCodePoints(alignedOriginal('cafe\u0301\u200b!'), (_cp, char) => (char === '\u0301' || char === '\u200b' ? '' : char));
    expect(stripped.text).toBe('cafe!');
    expect(originalSpan(stripped, 0, 4)).toEqual([0, 5]);
    expect(originalSpan(stripped, 4, 5)).toEqual([6, 7]);
    // A mark that survived normalisation is a character of its own, not part of the one before.
    const kept = alignedOriginal('e\u0301');
    expect(originalSpan(kept, 0, 1)).toEqual([0, 1]);
  });
});
