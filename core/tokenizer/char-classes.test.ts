import { describe, expect, it } from 'vitest';
import { isCjkIdeograph, isDeletedControl, isPunctuation, isWhitespace } from './char-classes';

const cp = (char: string) => char.codePointAt(0)!;

describe('character classes', () => {
  it('deletes control and format characters but not tab, newline and carriage return', () => {
    for (const char of ['\0', '\x07', '\x0b', '\x0c', '\x1f', '\x7f', '\x85', '\u200b', '\u200d', '\u2060', '\ufeff', '\u00ad', '\ufffd', '\u{e0067}']) {
      expect(isDeletedControl(cp(char)), JSON.stringify(char)).toBe(true);
    }
    for (const char of ['\t', '\n', '\r', ' ', 'a', '\u00a0', '\ue000']) expect(isDeletedControl(cp(char)), JSON.stringify(char)).toBe(false);
  });

  it('counts tab, newline, CR and the Zs, Zl and Zp separators as whitespace', () => {
    for (const char of [' ', '\t', '\n', '\r', '\u00a0', '\u1680', '\u2003', '\u202f', '\u3000', '\u2028', '\u2029']) {
      expect(isWhitespace(cp(char)), JSON.stringify(char)).toBe(true);
    }
    for (const char of ['\x0b', '\x1c', '\u200b', 'a']) expect(isWhitespace(cp(char)), JSON.stringify(char)).toBe(false);
  });

  it('counts every non-alphanumeric printable ASCII character and all of Unicode P* as punctuation', () => {
    const asciiSymbols = '!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~';
    for (const char of asciiSymbols) expect(isPunctuation(cp(char)), char).toBe(true);
    for (const char of ['¿', '…', '—', '‘', '«', '。', '「', '،', '¶', '§']) expect(isPunctuation(cp(char)), char).toBe(true);
    // Unicode symbols (S*) beyond ASCII stay inside words.
    for (const char of ['a', '0', ' ', '°', '☃', '€', '\u2212', '😀', '²']) expect(isPunctuation(cp(char)), char).toBe(false);
  });

  it('recognises the CJK ideograph blocks, astral ones included, but not kana or hangul', () => {
    for (const char of ['一', '京', '㐀', '豈', '\u{20000}', '\u{2a700}', '\u{2f800}']) expect(isCjkIdeograph(cp(char)), char).toBe(true);
    for (const char of ['タ', 'が', '한', '〇', '々', 'a']) expect(isCjkIdeograph(cp(char)), char).toBe(false);
  });
});
