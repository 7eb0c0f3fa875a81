// The character classes of BERT's basic tokenizer (google-research/bert tokenization.py),
// on code points. ASCII is answered from a table: it is nearly all of the text and a
// regular expression per character would dominate the tokenizer's time.
//
// Beyond ASCII the Unicode tables are the JavaScript engine's (Node 20: Unicode 17), not
// those BERT's Python ran with; characters whose category changed since then (such as
// U+1171E, Mn in Unicode 14, Mc now) can tokenize differently.

const enum AsciiClass {
  Other = 0,
  Deleted = 1,
  Whitespace = 2,
  Punctuation = 3,
}

const ASCII_CLASSES = buildAsciiTable();

function buildAsciiTable(): Uint8Array {
  const table = new Uint8Array(128);
  for (let cp = 0; cp < 128; cp++) {
    if (cp === 0x09 || cp === 0x0a || cp === 0x0d || cp === 0x20) table[cp] = AsciiClass.Whitespace;
    else if (cp < 0x20 || cp === 0x7f) table[cp] = AsciiClass.Deleted;
    // BERT counts every non-alphanumeric printable ASCII character as punctuation
    // ($, +, <, ^, ` ...), although Unicode files several of them as symbols.
    else if ((cp >= 33 && cp <= 47) || (cp >= 58 && cp <= 64) || (cp >= 91 && cp <= 96) || (cp >= 123 && cp <= 126)) {
      table[cp] = AsciiClass.Punctuation;
    }
  }
  return table;
}

// Cc and Cf (zero-width space, joiners, BOM, soft hyphen...) are deleted rather than
// turned into spaces: "hello\u200bworld" is one word.
const CONTROL_OR_FORMAT = /^[\p{Cc}\p{Cf}\uFFFD]$/u;
// Zl and Zp are not whitespace to BERT's cleaning step, but the original code then splits
// with Python's str.split(), which does cut at them, so they separate words all the same.
const WHITESPACE = /^[\p{Zs}\p{Zl}\p{Zp}]$/u;
// Only P* is punctuation beyond ASCII: symbols such as ° or ☃ stay inside words.
const UNICODE_PUNCTUATION = /^\p{P}$/u;
const COMBINING_MARK = /^\p{M}$/u;

/** Characters the cleaning step deletes: NUL, U+FFFD and Cc/Cf other than tab, newline and CR. */
export function isDeletedControl(cp: number): boolean {
  if (cp < 128) return ASCII_CLASSES[cp] === AsciiClass.Deleted;
  return CONTROL_OR_FORMAT.test(String.fromCodePoint(cp));
}

export function isWhitespace(cp: number): boolean {
  if (cp < 128) return ASCII_CLASSES[cp] === AsciiClass.Whitespace;
  return WHITESPACE.test(String.fromCodePoint(cp));
}

export function isPunctuation(cp: number): boolean {
  if (cp < 128) return ASCII_CLASSES[cp] === AsciiClass.Punctuation;
  return UNICODE_PUNCTUATION.test(String.fromCodePoint(cp));
}

/** Marks (accents, variation selectors) that combine with the character before them. */
export function isCombiningMark(cp: number): boolean {
  return cp >= 0x300 && COMBINING_MARK.test(String.fromCodePoint(cp));
}

/**
 * The CJK Unified Ideographs blocks (and their compatibility block) that BERT splits into
 * one word per character, as inclusive code point ranges. Hiragana, Katakana and Hangul
 * are not in them: they are written with spaces, or tokenized as ordinary words.
 */
export const CJK_IDEOGRAPH_RANGES: readonly (readonly [number, number])[] = [
  [0x4e00, 0x9fff],
  [0x3400, 0x4dbf],
  [0x20000, 0x2a6df],
  [0x2a700, 0x2b73f],
  [0x2b740, 0x2b81f],
  [0x2b820, 0x2ceaf],
  [0xf900, 0xfaff],
  [0x2f800, 0x2fa1f],
];

export function isCjkIdeograph(cp: number): boolean {
  if (cp < 0x3400) return false; // most text: one comparison per character
  for (const [first, last] of CJK_IDEOGRAPH_RANGES) if (cp >= first && cp <= last) return true;
  return false;
}
