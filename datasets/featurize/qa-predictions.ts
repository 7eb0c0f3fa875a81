// From a QA model's start/end logits back to an answer string, over all windows of one
// question (Transformers' postprocess_qa_predictions): the best-scoring valid span, or no
// answer when [CLS] outscores it (SQuAD 2.0).
import { answerText, type QaFeature } from './qa';

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

/** `features` and `logits` are the windows of one question, in the same order. */
export function bestAnswer(context: string, features: readonly Pick<QaFeature, 'contextOffsets'>[], logits: readonly SpanLogits[], options: AnswerSearchOptions = {}): AnswerPrediction {
  const { maxAnswerLength = 30, nBest = 20, allowNoAnswer = false, nullThreshold = 0 } = options;
  let best: AnswerPrediction | undefined;
  let nullScore = Infinity;
  features.forEach((feature, f) => {
    const { start, end } = logits[f]!;
    nullScore = Math.min(nullScore, start[0]! + end[0]!);
    for (const s of topIndices(start, nBest)) {
      for (const e of topIndices(end, nBest)) {
        if (e < s || e - s + 1 > maxAnswerLength) continue;
        const text = answerText(context, feature, s, e);
        if (text === undefined) continue;
        const score = start[s]! + end[e]!;
        if (!best || score > best.score) best = { text, score, span: { feature: f, start: s, end: e } };
      }
    }
  });
  if (!best || (allowNoAnswer && nullScore > best.score + nullThreshold)) return { text: '', score: nullScore };
  return best;
}

function topIndices(values: readonly number[], n: number): number[] {
  return values
    .map((value, index) => ({ value, index }))
    .sort((a, b) => b.value - a.value)
    .slice(0, n)
    .map((entry) => entry.index);
}
