// Extractive-QA metrics of the official SQuAD evaluation scripts (v1.1 and v2.0), so that
// scores here compare with published numbers. Scores are percentages, as those scripts
// and Transformers' run_qa report them.
//
// v2 semantics throughout: a question with no gold answer is answered correctly only by
// an empty prediction. On v1 data (every question has an answer) this gives the v1 numbers.

export interface QaExample {
  prediction: string;
  /** Gold answer texts; empty for an unanswerable (SQuAD v2) question. */
  answers: readonly string[];
}

export interface SquadMetrics {
  exact_match: number;
  f1: number;
  total: number;
  /** The split by answerability, each present when such questions occur (as in the v2 script). */
  HasAns_exact?: number;
  HasAns_f1?: number;
  HasAns_total?: number;
  NoAns_exact?: number;
  NoAns_f1?: number;
  NoAns_total?: number;
}

// string.punctuation in Python: ASCII only, as in the official scripts.
const PUNCTUATION = new Set('!"#$%&\'()*+,-./:;<=>?@[\\]^_`{|}~');
// Python's \b is Unicode-aware; JavaScript's is ASCII-only, so spell the boundary out.
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/** Lowercase, strip punctuation, strip the articles a/an/the, collapse whitespace. */
export function normalizeAnswer(text: string): string {
  const lowered = text.toLowerCase();
  const unpunctuated = [...lowered].filter((ch) => !PUNCTUATION.has(ch)).join('');
  return unpunctuated.replace(ARTICLES, ' ').split(/\s+/).filter(Boolean).join(' ');
}

function answerTokens(text: string): string[] {
  const normalized = normalizeAnswer(text);
  return normalized ? normalized.split(' ') : [];
}

/** 1 if the normalised texts are equal, else 0. */
export function exactMatch(prediction: string, gold: string): number {
  return Number(normalizeAnswer(prediction) === normalizeAnswer(gold));
}

/** Token-overlap F1 in [0, 1]; an empty side scores 1 only against another empty side. */
export function tokenF1(prediction: string, gold: string): number {
  const predicted = answerTokens(prediction);
  const expected = answerTokens(gold);
  if (predicted.length === 0 || expected.length === 0) return Number(predicted.length === expected.length);
  const goldCounts = new Map<string, number>();
  for (const token of expected) goldCounts.set(token, (goldCounts.get(token) ?? 0) + 1);
  let overlap = 0;
  for (const token of predicted) {
    const left = goldCounts.get(token) ?? 0;
    if (left > 0) {
      overlap += 1;
      goldCounts.set(token, left - 1);
    }
  }
  if (overlap === 0) return 0;
  const precision = overlap / predicted.length;
  const recall = overlap / expected.length;
  return (2 * precision * recall) / (precision + recall);
}

// The v2 script's qid_to_has_ans: any gold answer at all, before normalisation.
function hasGoldAnswer(example: QaExample): boolean {
  return example.answers.length > 0;
}

/** One question's exact match and F1 (each 0..1): the best over its gold answers. */
export function scoreQuestion(example: QaExample): { exact: number; f1: number } {
  // Gold answers that normalise to nothing are dropped; none left means "no answer".
  const answers = example.answers.filter((answer) => normalizeAnswer(answer) !== '');
  const golds = answers.length > 0 ? answers : [''];
  return {
    exact: Math.max(...golds.map((gold) => exactMatch(example.prediction, gold))),
    f1: Math.max(...golds.map((gold) => tokenF1(example.prediction, gold))),
  };
}

export function squadMetrics(examples: readonly QaExample[]): SquadMetrics {
  type Scored = { example: QaExample; score: { exact: number; f1: number } };
  const all: Scored[] = examples.map((example) => ({ example, score: scoreQuestion(example) }));
  const percent = (pick: (score: Scored['score']) => number, which: readonly Scored[]) =>
    which.length === 0 ? 0 : (100 * which.reduce((sum, { score }) => sum + pick(score), 0)) / which.length;
  const metrics: SquadMetrics = { exact_match: percent((s) => s.exact, all), f1: percent((s) => s.f1, all), total: examples.length };
  const hasAnswer = all.filter(({ example }) => hasGoldAnswer(example));
  const noAnswer = all.filter(({ example }) => !hasGoldAnswer(example));
  if (hasAnswer.length > 0) {
    Object.assign(metrics, { HasAns_exact: percent((s) => s.exact, hasAnswer), HasAns_f1: percent((s) => s.f1, hasAnswer), HasAns_total: hasAnswer.length });
  }
  if (noAnswer.length > 0) {
    Object.assign(metrics, { NoAns_exact: percent((s) => s.exact, noAnswer), NoAns_f1: percent((s) => s.f1, noAnswer), NoAns_total: noAnswer.length });
  }
  return metrics;
}

export interface ScoredQaExample extends QaExample {
  /**
   * How strongly the model prefers "no answer" (e.g. null score minus the best span's
   * score, or a probability): above the threshold the prediction becomes empty.
   */
  noAnswerScore: number;
}

/** The predictions after the null-score threshold: empty where noAnswerScore > threshold. */
export function applyNoAnswerThreshold(examples: readonly ScoredQaExample[], threshold: number): QaExample[] {
  return examples.map((example) => ({ ...example, prediction: example.noAnswerScore > threshold ? '' : example.prediction }));
}

export interface BestThresholds {
  best_exact: number;
  best_exact_thresh: number;
  best_f1: number;
  best_f1_thresh: number;
}

/**
 * The threshold that maximises exact match and F1, searched as the v2 script's
 * find_best_thresh does: start from "every question answered empty", then, in order of
 * increasing noAnswerScore, let one more question keep its prediction. As in that script
 * the starting threshold is reported as 0 even when scores are not probabilities.
 */
export function findBestNoAnswerThresholds(examples: readonly ScoredQaExample[]): BestThresholds {
  const scores = examples.map(scoreQuestion);
  const exact = bestThreshold(examples, scores.map((s) => s.exact));
  const f1 = bestThreshold(examples, scores.map((s) => s.f1));
  return { best_exact: exact.score, best_exact_thresh: exact.threshold, best_f1: f1.score, best_f1_thresh: f1.threshold };
}

function bestThreshold(examples: readonly ScoredQaExample[], scores: number[]): { score: number; threshold: number } {
  let current = examples.filter((example) => !hasGoldAnswer(example)).length;
  let best = { score: current, threshold: 0 };
  const order = examples.map((example, i) => ({ example, score: scores[i] ?? 0 })).sort((a, b) => a.example.noAnswerScore - b.example.noAnswerScore);
  for (const { example, score } of order) {
    // Answering instead of abstaining: gains the question's score, or loses the free
    // point of an unanswerable question when the prediction is not empty.
    current += hasGoldAnswer(example) ? score : example.prediction ? -1 : 0;
    if (current > best.score) best = { score: current, threshold: example.noAnswerScore };
  }
  return { score: examples.length === 0 ? 0 : (100 * best.score) / examples.length, threshold: best.threshold };
}
