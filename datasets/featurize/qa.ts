// Extractive QA: each question with its context becomes one or more windows of
// [CLS] question [SEP] context-part [SEP], the context sliding by (room − doc_stride) tokens
// (Transformers' run_qa.py approach). Each window is labelled with the answer's first and
// last token, or with [CLS] (index 0) when the question is unanswerable or the answer is
// not wholly inside that window. Context offsets let a predicted span be read back from
// the context exactly as written.
import type { QaExample } from '../types';
import type { DatasetTokenizer, Encoding } from '../tokenizer';
import { modelInputs, type ModelInputs } from './model-inputs';

export interface QaFeature extends ModelInputs {
  /** Index of the example this window belongs to. */
  exampleIndex: number;
  /** Token index of the answer's first / last token; 0 ([CLS]) when this window has no answer. */
  startPosition: number;
  endPosition: number;
  /** [start, end) in the context for context tokens; null for question, special and padding tokens. */
  contextOffsets: ([number, number] | null)[];
  /** The context word each context token is a piece of (null elsewhere): answers are read back in whole words. */
  contextWordIds: (number | null)[];
}

export interface QaFeaturizeOptions {
  /** max_seq_length, e.g. 384. */
  maxLength: number;
  /** Tokens each window repeats from the one before, e.g. 128. */
  docStride: number;
  /** Questions are cut to this many word pieces (BERT's max_query_length), default 64. */
  maxQuestionLength?: number;
  padding?: 'max_length' | false;
}

export type QaInput = Pick<QaExample, 'question' | 'context' | 'answers'>;

export interface QaFeaturization {
  features: QaFeature[];
  /** Examples that could not be windowed (a max_length too small for the question), with the reason. */
  skipped: { exampleIndex: number; reason: string }[];
}

export function featurizeQa(examples: readonly QaInput[], tokenizer: DatasetTokenizer, options: QaFeaturizeOptions): QaFeaturization {
  const result: QaFeaturization = { features: [], skipped: [] };
  examples.forEach((example, exampleIndex) => {
    let encoding: Encoding;
    try {
      encoding = tokenizer.encode(shortenQuestion(example.question, tokenizer, options.maxQuestionLength ?? 64), example.context, {
        maxLength: options.maxLength,
        truncation: 'only_second',
        stride: options.docStride,
        returnOverflowingTokens: true,
        padding: options.padding ?? 'max_length',
      });
    } catch (error) {
      result.skipped.push({ exampleIndex, reason: error instanceof Error ? error.message : String(error) });
      return;
    }
    const answer = example.answers[0] && trimmedAnswerSpan(example.context, example.answers[0]);
    for (const window of [encoding, ...encoding.overflowing]) {
      const contextOffsets = window.offsets.map((offset, i) => (window.sequenceIds[i] === 1 ? offset : null));
      const contextWordIds = window.wordIds.map((word, i) => (window.sequenceIds[i] === 1 ? word : null));
      const [startPosition, endPosition] = answer ? answerTokens(contextOffsets, answer) : [0, 0];
      result.features.push({ ...modelInputs(window), exampleIndex, startPosition, endPosition, contextOffsets, contextWordIds });
    }
  });
  return result;
}

/** The context text a token span covers, exactly as written; undefined when the span is not inside the context. */
export function answerText(context: string, feature: Pick<QaFeature, 'contextOffsets'>, start: number, end: number): string | undefined {
  const first = feature.contextOffsets[start];
  const last = feature.contextOffsets[end];
  if (!first || !last || end < start) return undefined;
  return context.slice(first[0], last[1]);
}

/** Character span of an answer without surrounding whitespace, which no token covers. */
export function trimmedAnswerSpan(context: string, answer: { text: string; start: number }): [number, number] {
  let start = answer.start;
  let end = answer.start + answer.text.length;
  while (start < end && /\s/.test(context[start]!)) start++;
  while (end > start && /\s/.test(context[end - 1]!)) end--;
  return [start, end];
}

/** Token indices of the first and last token of [startChar, endChar), or [0, 0] if the window does not hold all of it. */
function answerTokens(contextOffsets: readonly ([number, number] | null)[], [startChar, endChar]: [number, number]): [number, number] {
  let first = -1;
  let last = -1;
  contextOffsets.forEach((offset, i) => {
    if (!offset) return;
    if (first === -1) first = i;
    last = i;
  });
  if (first === -1 || contextOffsets[first]![0] > startChar || contextOffsets[last]![1] < endChar) return [0, 0];
  let start = first;
  while (start < last && contextOffsets[start + 1]![0] <= startChar) start++;
  let end = last;
  while (end > start && contextOffsets[end - 1]![1] >= endChar) end--;
  return [start, end];
}

/** Cuts a question to `maxPieces` word pieces, by text, so that the context keeps its room. */
function shortenQuestion(question: string, tokenizer: DatasetTokenizer, maxPieces: number): string {
  const tokens = tokenizer.tokenize(question);
  return tokens.length <= maxPieces ? question : question.slice(0, tokens[maxPieces]!.start);
}
