// Post-processing: the last stage. Turns the tokens of one or two sequences into what a
// model reads: truncated into windows, framed by special tokens, padded.
import type { EncodeOptions, Encoding, SequenceTokens, TruncationStrategy } from './encoding';
import { sliceSequence } from './encoding';
import { padToLength } from './padding';
import { applyTemplate, specialTokenCount, type BertTemplate, type SpecialToken } from './special-tokens';
import { keptLengths, truncationWindows, TruncationError, type Window } from './truncation';

export interface PostProcessContext {
  template: BertTemplate;
  pad: SpecialToken;
  modelMaxLength?: number;
}

export function postProcess(first: SequenceTokens, second: SequenceTokens | undefined, options: EncodeOptions, context: PostProcessContext): Encoding {
  const settings = resolveSettings(options, context);
  const template = settings.addSpecialTokens ? context.template : null;
  const [firstWindows, secondWindows] = truncate(first, second, settings, template !== null);
  const combinations = settings.returnOverflowingTokens ? windowCombinations(firstWindows, secondWindows) : [[firstWindows[0]!, secondWindows[0]!] as const];
  const encodings = combinations.map(([firstWindow, secondWindow]) => {
    const encoding = applyTemplate(sliceSequence(first, ...firstWindow), second && sliceSequence(second, ...secondWindow), template);
    return settings.padToLength === undefined ? encoding : padToLength(encoding, settings.padToLength, context.pad);
  });
  return { ...encodings[0]!, overflowing: encodings.slice(1) };
}

/** The windows of each sequence: what stays first, then what overflows. */
function truncate(first: SequenceTokens, second: SequenceTokens | undefined, settings: Settings, withSpecialTokens: boolean): [Window[], Window[]] {
  const whole = (sequence: SequenceTokens | undefined): Window[] => [[0, sequence?.ids.length ?? 0]];
  if (!settings.truncation || settings.maxLength === undefined) return [whole(first), whole(second)];
  const specialCount = withSpecialTokens ? specialTokenCount(second !== undefined) : 0;
  const budget = settings.maxLength - specialCount;
  if (budget < 0) throw new TruncationError(`maxLength ${settings.maxLength} leaves no room for the ${specialCount} special tokens`);
  const [keepFirst, keepSecond] = keptLengths(settings.truncation, budget, first.ids.length, second?.ids.length);
  return [
    truncationWindows(first.ids.length, keepFirst, settings.stride),
    second && keepSecond !== undefined ? truncationWindows(second.ids.length, keepSecond, settings.stride) : whole(second),
  ];
}

interface Settings {
  addSpecialTokens: boolean;
  maxLength: number | undefined;
  truncation: TruncationStrategy | false;
  stride: number;
  padToLength: number | undefined;
  returnOverflowingTokens: boolean;
}

function resolveSettings(options: EncodeOptions, context: PostProcessContext): Settings {
  const maxLength = options.maxLength ?? context.modelMaxLength;
  if (maxLength !== undefined) requireInteger('maxLength', maxLength, 1);
  const stride = options.stride ?? 0;
  requireInteger('stride', stride, 0);
  if (options.padding === 'max_length' && maxLength === undefined) {
    throw new RangeError(`padding 'max_length' needs a maxLength (this tokenizer has no model maximum length)`);
  }
  return {
    addSpecialTokens: options.addSpecialTokens ?? true,
    maxLength,
    // As in Transformers: asking for a length without saying how to truncate means longest_first.
    truncation: options.truncation ?? (options.maxLength === undefined ? false : 'longest_first'),
    stride,
    padToLength: options.padding === 'max_length' ? maxLength : undefined,
    returnOverflowingTokens: options.returnOverflowingTokens ?? false,
  };
}

function requireInteger(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
}

/**
 * Every window of the first sequence with every window of the second, in the order Hugging
 * Face's Encoding::merge_with lists them: the kept pair first, then each overflowing first
 * window with all second windows, then the kept first window with each overflowing second.
 * With only one sequence cut (the usual case) this is simply that sequence's windows in order.
 */
function windowCombinations(firstWindows: Window[], secondWindows: Window[]): (readonly [Window, Window])[] {
  const [keptFirst, ...overflowFirst] = firstWindows;
  const [keptSecond, ...overflowSecond] = secondWindows;
  return [
    [keptFirst!, keptSecond!],
    ...overflowFirst.flatMap((firstWindow) => secondWindows.map((secondWindow) => [firstWindow, secondWindow] as const)),
    ...overflowSecond.map((secondWindow) => [keptFirst!, secondWindow] as const),
  ];
}
