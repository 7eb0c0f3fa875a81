import { describe, expect, it } from 'vitest';
import { alignedOriginal, originalSpan } from './aligned-text';
import { cleanText, isFinalSigma, isolateCjkIdeographs, lowercase, normalize, normalizeSteps, stripAccents } from './normalize';

const text = (input: string) => alignedOriginal(input);

describe('cleanText', () => {
  it('deletes control and format characters and turns whitespace into spaces', () => {
    const cleaned = cleanText(text('a\u200bb\tc\u00a0d\u2028e\x00f\ufffdg'));
    expect(cleaned.text).toBe('ab c d efg');
    // "b" still knows it was at index 2, behind the deleted zero-width space.
    expect(cleaned.origins[1]).toBe(2);
  });

  it('deletes astral format characters whole (tag characters of a flag)', () => {
    const cleaned = cleanText(text('🏴\u{e0067}\u{e007f}x'));
    expect(cleaned.text).toBe('🏴x');
    expect(originalSpan(cleaned, 2, 3)).toEqual([6, 7]);
  });
});

describe('isolateCjkIdeographs', () => {
  it('surrounds each ideograph with spaces and leaves kana alone', () => {
    expect(isolateCjkIdeographs(text('ah博推タワ\u{20000}')).text).toBe('ah 博  推 タワ \u{20000} ');
  });
});

describe('lowercase', () => {
  it('lowercases with full Unicode mappings, one character possibly becoming two', () => {
    const lowered = lowercase(text('HeLLo İ ẞ'));
    expect(lowered.text).toBe('hello i\u0307 ß');
    expect(originalSpan(lowered, 6, 8)).toEqual([6, 7]);
  });

  it('picks final sigma from the context, as Python does', () => {
    expect(lowercase(text('ΟΔΥΣΣΕΥΣ ΣΑ Σ.Σ ΑΣ.')).text).toBe('οδυσσευς σα σ.ς ας.');
    expect(isFinalSigma('ΑΣ\u0301', 1)).toBe(true);
    expect(isFinalSigma('ΑΣΒ', 1)).toBe(false);
    // Case-ignorable characters (an apostrophe) are looked through.
    expect(isFinalSigma("Α'Σ", 2)).toBe(true);
    expect(isFinalSigma("ΑΣ'Β", 1)).toBe(false);
  });
});

describe('stripAccents', () => {
  it('decomposes and drops nonspacing marks, keeping every piece on its original character', () => {
    const stripped = stripAccents(text('Café \u00e9\u0302\u0303 한'));
    expect(stripped.text).toBe('Cafe e \u1112\u1161\u11ab');
    expect(originalSpan(stripped, 3, 4)).toEqual([3, 4]);
    // The marks typed after "é" are gone from the text, yet the "e" still spans them.
    expect(originalSpan(stripped, 5, 6)).toEqual([5, 8]);
    expect(originalSpan(stripped, 7, 10)).toEqual([9, 10]);
  });

  it('leaves letters without a canonical decomposition alone', () => {
    expect(stripAccents(text('ø ß ﬁ Ĳ')).text).toBe('ø ß ﬁ Ĳ');
  });
});

describe('normalize', () => {
  it('runs only the steps the options ask for', () => {
    expect(normalize(' Café\u200b 東京', normalizeSteps({ lowercase: true, stripAccents: true, isolateCjkIdeographs: true })).text).toBe(' cafe  東  京 ');
    expect(normalize(' Café\u200b 東京', normalizeSteps({ lowercase: false, stripAccents: false, isolateCjkIdeographs: false })).text).toBe(' Café 東京');
    expect(normalize('Café', normalizeSteps({ lowercase: false, stripAccents: true, isolateCjkIdeographs: false })).text).toBe('Cafe');
    expect(normalize('Café', normalizeSteps({ lowercase: true, stripAccents: false, isolateCjkIdeographs: false })).text).toBe('café');
  });
});
