// Normalisation: the first stage of the pipeline. Each step is a pure function of aligned
// text, so the characters it produces keep pointing at the input they came from.
//
// Order as in BERT's BasicTokenizer: clean, isolate CJK ideographs, lowercase, strip
// accents. Lowercasing the whole text rather than each word changes nothing: the only
// context-dependent mapping (final sigma) never looks across whitespace.
import { alignedOriginal, mapCodePoints, type AlignedText } from './aligned-text';
import { isCjkIdeograph, isDeletedControl, isWhitespace } from './char-classes';
import { previousCodePointStart } from './code-points';

export type NormalizeStep = (text: AlignedText) => AlignedText;

export interface NormalizeOptions {
  lowercase: boolean;
  stripAccents: boolean;
  isolateCjkIdeographs: boolean;
}

export function normalizeSteps(options: NormalizeOptions): NormalizeStep[] {
  const steps: NormalizeStep[] = [cleanText];
  if (options.isolateCjkIdeographs) steps.push(isolateCjkIdeographs);
  if (options.lowercase) steps.push(lowercase);
  if (options.stripAccents) steps.push(stripAccents);
  return steps;
}

export function normalize(input: string, steps: readonly NormalizeStep[]): AlignedText {
  return steps.reduce((text, step) => step(text), alignedOriginal(input));
}

/** Deletes control and format characters; every kind of whitespace becomes a plain space. */
export function cleanText(text: AlignedText): AlignedText {
  return mapCodePoints(text, (cp, char) => (isDeletedControl(cp) ? '' : isWhitespace(cp) ? ' ' : char));
}

/** Surrounds CJK ideographs with spaces: those scripts have no spaces, every ideograph is a word. */
export function isolateCjkIdeographs(text: AlignedText): AlignedText {
  return mapCodePoints(text, (cp, char) => (isCjkIdeograph(cp) ? ` ${char} ` : char));
}

const CAPITAL_SIGMA = 0x3a3;

/** Unicode full lowercasing, as Python's str.lower() does it (one character may become two). */
export function lowercase(text: AlignedText): AlignedText {
  return mapCodePoints(text, (cp, char, index) => {
    if (cp < 128) return cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : char;
    // Lowercasing one character at a time loses the context that picks σ or ς.
    if (cp === CAPITAL_SIGMA) return isFinalSigma(text.text, index) ? 'ς' : 'σ';
    return char.toLowerCase();
  });
}

const CASED = /^\p{Cased}$/u;
const CASE_IGNORABLE = /^\p{Case_Ignorable}$/u;

/** Unicode's Final_Sigma condition: after a cased letter, and not before one (case-ignorables skipped). */
export function isFinalSigma(text: string, index: number): boolean {
  let before = index;
  let previous: string | undefined;
  do {
    if (before === 0) return false;
    before = previousCodePointStart(text, before);
    previous = String.fromCodePoint(text.codePointAt(before)!);
  } while (CASE_IGNORABLE.test(previous));
  if (!CASED.test(previous)) return false;

  for (let after = index + 1; after < text.length; ) {
    const next = String.fromCodePoint(text.codePointAt(after)!);
    if (!CASE_IGNORABLE.test(next)) return !CASED.test(next);
    after += next.length;
  }
  return true;
}

const NONSPACING_MARKS = /\p{Mn}/gu;

/** Decomposes (NFD) and drops the nonspacing marks: "é" -> "e", "한" -> "ᄒ" "ᅡ" "ᆫ". */
export function stripAccents(text: AlignedText): AlignedText {
  // Nothing below U+00C0 decomposes or is a mark.
  return mapCodePoints(text, (cp, char) => (cp < 0xc0 ? char : char.normalize('NFD').replace(NONSPACING_MARKS, '')));
}
