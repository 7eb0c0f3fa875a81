// Two ways to count characters. SQuAD files are written from Python, where `answer_start`
// counts code points; JavaScript strings index UTF-16 code units, and a character outside
// the Basic Multilingual Plane (an emoji, many CJK extension characters) is two of them.
// Offsets are converted once, when a file is read (file → UTF-16) and when an offset goes
// back out to a person or a file (UTF-16 → code points); in between they are UTF-16.

/** The UTF-16 index of code point `codePoint` of `text`; undefined past its end. */
export function codePointToUtf16(text: string, codePoint: number): number | undefined {
  if (!hasSurrogates(text)) return codePoint <= text.length ? codePoint : undefined;
  let index = 0;
  for (let seen = 0; seen < codePoint; seen++) {
    if (index >= text.length) return undefined;
    index += isHighSurrogate(text.charCodeAt(index)) && index + 1 < text.length ? 2 : 1;
  }
  return index;
}

/** How many code points come before UTF-16 index `index` of `text`: Python's offset of the same place. */
export function utf16ToCodePoint(text: string, index: number): number {
  if (!hasSurrogates(text)) return index;
  let codePoints = 0;
  for (let i = 0; i < index && i < text.length; i++) {
    if (!(isLowSurrogate(text.charCodeAt(i)) && i > 0 && isHighSurrogate(text.charCodeAt(i - 1)))) codePoints++;
  }
  return codePoints;
}

/** The length of `text` in code points (Python's len). */
export function codePointLength(text: string): number {
  return utf16ToCodePoint(text, text.length);
}

function hasSurrogates(text: string): boolean {
  return /[\uD800-\uDFFF]/.test(text);
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

function isLowSurrogate(code: number): boolean {
  return code >= 0xdc00 && code <= 0xdfff;
}
