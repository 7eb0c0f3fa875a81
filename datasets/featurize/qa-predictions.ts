// From a QA model's start/end logits back to an answer string, over all windows of one
// question (Transformers' postprocess_qa_predictions): the best-scoring valid span, or no
// answer when [CLS] outscores it (SQuAD 2.0).
import type { QaFeature } from './qa';

export interface SpanLogits {
  start: readonly number[];
  end: readonly number[];
}

export interface AnswerPrediction {
  /** '' for "no answer". */
  text: string;
  score: number;
  /** Where the span is; absent for "no answer". */
  span?: { feature: number; start: number; end: number };
}

export interface AnswerSearchOptions {
  /** Longest answer in tokens (30 in Transformers). */
  maxAnswerLength?: number;
  /** Start and end candidates considered per window (20 in Transformers). */
  nBest?: number;
  /** SQuAD 2.0: answer "" when [CLS] scores higher than the best span plus `nullThreshold`. */
  allowNoAnswer?: boolean;
  nullThreshold?: number;
}

export interface RankedAnswer {
  text: string;
  score: number;
  /** [start, end) in the context, as written. */
  charStart: number;
  charEnd: number;
  span: { feature: number; start: number; end: number };
}

export interface AnswerRanking {
  /** Valid spans, best first; one entry per distinct character span. */
  candidates: RankedAnswer[];
  /** The lowest [CLS] start+end score over the windows (Transformers' min_null_score). */
  nullScore: number;
}

/** What answer search reads of a window: where its tokens are in the context and, to read whole words, which word each is a piece of. */
export type AnswerWindow = Pick<QaFeature, 'contextOffsets'> & Partial<Pick<QaFeature, 'contextWordIds'>>;

/**
 * The span widened to whole words: a start on "##al" of "fe ##al ##ty" moves to "fe", an
 * end on "fe" moves to "##ty", so that an answer never reads "swear feal". The word ids
 * come from the tokenizer's offset mapping, so punctuation split off a word stays apart.
 */
export function wholeWordSpan(window: AnswerWindow, start: number, end: number): [number, number] {
  const words = window.contextWordIds;
  if (!words) return [start, end];
  let first = start;
  let last = end;
  while (first > 0 && words[first] !== null && words[first - 1] === words[first]) first--;
  while (last + 1 < words.length && words[last] !== null && words[last + 1] === words[last]) last++;
  return [first, last];
}

/** All valid spans of one question's windows, best first (`features` and `logits` in the same order). */
export function rankAnswers(context: string, features: readonly AnswerWindow[], logits: readonly SpanLogits[], options: Pick<AnswerSearchOptions, 'maxAnswerLength' | 'nBest'> = {}): AnswerRanking {
  const { maxAnswerLength = 30, nBest = 20 } = options;
  const bySpan = new Map<string, RankedAnswer>();
  let nullScore = Infinity;
  features.forEach((feature, f) => {
    const { start, end } = logits[f]!;
    nullScore = Math.min(nullScore, start[0]! + end[0]!);
    for (const s of topIndices(start, nBest)) {
      for (const e of topIndices(end, nBest)) {
        if (e < s || e - s + 1 > maxAnswerLength) continue;
        const startOffset = feature.contextOffsets[s];
        const endOffset = feature.contextOffsets[e];
        if (!startOffset || !endOffset) continue;
        const score = start[s]! + end[e]!;
        const [wordStart, wordEnd] = wholeWordSpan(feature, s, e);
        // Pieces of one context word are context tokens too, so these offsets exist.
        const first = feature.contextOffsets[wordStart] ?? startOffset;
        const last = feature.contextOffsets[wordEnd] ?? endOffset;
        // Overlapping windows (and pieces of one word) give the same span more than once; keep its best score.
        const key = `${first[0]}:${last[1]}`;
        const seen = bySpan.get(key);
        if (seen && seen.score >= score) continue;
        bySpan.set(key, { text: context.slice(first[0], last[1]), score, charStart: first[0], charEnd: last[1], span: { feature: f, start: wordStart, end: wordEnd } });
      }
    }
  });
  return { candidates: [...bySpan.values()].sort((a, b) => b.score - a.score), nullScore };
}

/** The answer: the best span, or "" when [CLS] outscores it and no-answer is allowed (SQuAD 2.0). */
export function bestAnswer(context: string, features: readonly AnswerWindow[], logits: readonly SpanLogits[], options: AnswerSearchOptions = {}): AnswerPrediction {
  const { allowNoAnswer = false, nullThreshold = 0 } = options;
  const { candidates, nullScore } = rankAnswers(context, features, logits, options);
  const best = candidates[0];
  if (!best || (allowNoAnswer && nullScore > best.score + nullThreshold)) return { text: '', score: nullScore };
  return { text: best.text, score: best.score, span: best.span };
}

function topIndices(values: readonly number[], n: number): number[] {
  return values
    .map((value, index) => ({ value, index }))
    .sort((a, b) => b.value - a.value)
    .slice(0, n)
    .map((entry) => entry.index);
}
