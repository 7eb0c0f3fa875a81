// Stepping through UTF-16 strings one code point at a time: BERT counts and cuts text in
// code points (Python strings), and an emoji or a rare CJK ideograph is two UTF-16 units.

/** How many UTF-16 units the code point starting at `index` takes: 2 for a surrogate pair. */
export function codePointLength(text: string, index: number): number {
  return isHighSurrogate(text.charCodeAt(index)) && isLowSurrogate(text.charCodeAt(index + 1)) ? 2 : 1;
}

/** Where the code point ending just before `index` starts. */
export function previousCodePointStart(text: string, index: number): number {
  return index >= 2 && isLowSurrogate(text.charCodeAt(index - 1)) && isHighSurrogate(text.charCodeAt(index - 2)) ? index - 2 : index - 1;
}

/** The unit index of every code point boundary, from 0 to text.length inclusive. */
export function codePointBoundaries(text: string): number[] {
  const boundaries = [0];
  for (let i = 0; i < text.length; ) {
    i += codePointLength(text, i);
    boundaries.push(i);
  }
  return boundaries;
}

function isHighSurrogate(unit: number): boolean {
  return unit >= 0xd800 && unit <= 0xdbff;
}

function isLowSurrogate(unit: number): boolean {
  return unit >= 0xdc00 && unit <= 0xdfff;
}
