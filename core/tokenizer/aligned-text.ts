// Text on its way through normalisation that still knows where each of its characters
// came from, so a token can be highlighted in the text the person typed even after
// characters were deleted, lowercased into two ("İ" -> "i̇") or decomposed ("é" -> "e").
//
// Every normalisation step maps one original code point to zero or more characters and
// never merges two, so one number per UTF-16 unit suffices: the index where its original
// code point starts. Where that code point ends follows from the original string.
import { isCombiningMark } from './char-classes';
import { codePointLength } from './code-points';

export interface AlignedText {
  readonly original: string;
  readonly text: string;
  /** origins[i]: index in `original` of the code point that text[i] came from. */
  readonly origins: readonly number[];
}

export function alignedOriginal(original: string): AlignedText {
  const origins = new Array<number>(original.length);
  for (let i = 0; i < original.length; ) {
    const width = codePointLength(original, i);
    // Both halves of a surrogate pair point at the pair's first unit.
    for (let k = 0; k < width; k++) origins[i + k] = i;
    i += width;
  }
  return { original, text: original, origins };
}

/**
 * The [start, end) span of `original` that text units [from, to) came from (to > from).
 * Combining marks that normalisation deleted after the last character still belong to it:
 * a highlight must not cut "é" typed as "e" + U+0301 in two.
 */
export function originalSpan(aligned: AlignedText, from: number, to: number): [number, number] {
  const { original, origins } = aligned;
  const lastOrigin = origins[to - 1]!;
  let end = lastOrigin + codePointLength(original, lastOrigin);
  // Everything between `end` and the origin of the next unit left no trace in the text.
  const nextOrigin = to < origins.length ? origins[to]! : original.length;
  while (end < nextOrigin && isCombiningMark(original.codePointAt(end)!)) end += codePointLength(original, end);
  return [origins[from]!, end];
}

/**
 * Replaces every code point by `replace(codePoint, char, index)` (any string, possibly empty),
 * each output unit inheriting the origin of the code point it replaced. Copies nothing
 * while the replacements change nothing, which is most of the time for most steps.
 */
export function mapCodePoints(aligned: AlignedText, replace: (cp: number, char: string, index: number) => string): AlignedText {
  const { text, origins } = aligned;
  let out: string[] | null = null;
  let outOrigins: number[] = [];
  for (let i = 0; i < text.length; ) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    const char = width === 1 ? text[i]! : text.slice(i, i + 2);
    const replacement = replace(cp, char, i);
    if (out === null && replacement !== char) {
      out = [text.slice(0, i)];
      outOrigins = origins.slice(0, i);
    }
    if (out !== null) {
      out.push(replacement);
      for (let k = 0; k < replacement.length; k++) outOrigins.push(origins[i]!);
    }
    i += width;
  }
  return out === null ? aligned : { original: aligned.original, text: out.join(''), origins: outOrigins };
}
