// Truncation, with Hugging Face tokenizers' semantics (truncate_encodings and
// Encoding::truncate), so that windows, overlaps and errors match what a person sees in
// Transformers: first how many tokens of each sequence fit, then the windows a sequence is
// cut into when it does not.
import type { TruncationStrategy } from './encoding';

/** A window of a sequence's tokens: [start, stop). */
export type Window = [start: number, stop: number];

export class TruncationError extends Error {
  override name = 'TruncationError';
}

/**
 * How many tokens of each sequence to keep so that together they fit in `budget` (the
 * maximum length less the special tokens). longest_first shortens only the longer
 * sequence when that suffices, otherwise cuts both to half the budget (the second gets
 * the odd token).
 */
export function keptLengths(
  strategy: TruncationStrategy,
  budget: number,
  firstLength: number,
  secondLength?: number,
): [first: number, second: number | undefined] {
  const total = firstLength + (secondLength ?? 0);
  if (total <= budget) return [firstLength, secondLength];
  // Hugging Face's special case: no room at all empties both, whatever the strategy.
  if (budget === 0) return [0, secondLength === undefined ? undefined : 0];
  const excess = total - budget;
  switch (strategy) {
    case 'longest_first':
      return secondLength === undefined ? [budget, undefined] : splitBudget(budget, firstLength, secondLength);
    case 'only_first':
      return [shortenOnly('first', firstLength, excess), secondLength];
    case 'only_second':
      if (secondLength === undefined) throw new TruncationError(`truncation 'only_second' needs a second sequence`);
      return [firstLength, shortenOnly('second', secondLength, excess)];
  }
}

function splitBudget(budget: number, firstLength: number, secondLength: number): [number, number] {
  const shorter = Math.min(firstLength, secondLength);
  let keepShorter = shorter;
  let keepLonger = Math.max(shorter, budget - shorter);
  if (keepShorter + keepLonger > budget) {
    keepShorter = Math.floor(budget / 2);
    keepLonger = keepShorter + (budget % 2);
  }
  return firstLength > secondLength ? [keepLonger, keepShorter] : [keepShorter, keepLonger];
}

// Like Hugging Face, a sequence is never cut to nothing by only_first / only_second: the
// question of a QA pair would silently vanish.
function shortenOnly(which: 'first' | 'second', length: number, excess: number): number {
  if (length > excess) return length - excess;
  const other = which === 'first' ? 'only_second' : 'only_first';
  throw new TruncationError(
    `Truncation error: sequence to truncate too short to respect the provided max_length: ${excess} tokens must be removed ` +
      `but the ${which} sequence has ${length} (at least one must stay). Use 'longest_first' or '${other}', or a larger maxLength.`,
  );
}

/**
 * The windows [start, stop) that truncation to `keep` tokens cuts a sequence into: the
 * first is what stays, the others overflow. Each window repeats the last `stride` tokens
 * of the one before, and the last window reaches the end of the sequence.
 */
export function truncationWindows(length: number, keep: number, stride: number): Window[] {
  if (keep >= length) return [[0, length]];
  // Hugging Face's special case: nothing stays, the whole sequence overflows in one window.
  if (keep === 0) return [[0, 0], [0, length]];
  if (stride >= keep) {
    throw new TruncationError(`stride ${stride} must be smaller than the ${keep} tokens a window keeps of the sequence`);
  }
  const windows: Window[] = [];
  for (let start = 0; ; start += keep - stride) {
    const stop = Math.min(start + keep, length);
    windows.push([start, stop]);
    if (stop === length) return windows;
  }
}
