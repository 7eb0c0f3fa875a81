// Evaluations that read predictions back into the raw data: NER scored on the words of
// the file (a word cut off by max_seq_length counts as predicted O, as run_ner's seqeval
// does not see it), and QA scored on answer strings from the contexts (SQuAD EM/F1 over
// all windows of a question, with SQuAD v2's answerable / unanswerable split and best
// no-answer threshold). The loop that runs the model is core/train/evaluation.ts.
import { argmax, type RowOutputs } from '../../core/model/heads/task-head';
import { nerMetrics } from '../../core/metrics/ner';
import type { EvaluationSet } from '../../core/train/evaluation';
import { nerDetails, qaDetails, qaSplitMetrics, type QaInputs } from '../../core/train/evaluation-report';
import { qaMetricNames, TASK_METRICS } from '../../core/train/task-metrics';
import { wordTagsFromPredictions, type NerFeature } from '../../datasets/featurize/ner';
import type { QaFeature } from '../../datasets/featurize/qa';
import { rankAnswers } from '../../datasets/featurize/qa-predictions';
import type { NerExample, QaExample } from '../../datasets/types';

/** Entity precision, recall, F1 and token accuracy on the words of the examples (one feature each). */
export function nerWordEvaluation(features: readonly NerFeature[], examples: readonly NerExample[], labels: readonly string[]): EvaluationSet {
  const tagsOf = (rows: readonly RowOutputs[]) => rows.map((row, i) => wordTagsFromPredictions(features[i]!, (row.logits as number[][]).map(argmax), labels));
  const gold = examples.map((example) => example.tags);
  return {
    features,
    outputs: ['logits'],
    metricNames: TASK_METRICS.ner,
    score(rows) {
      const metrics = nerMetrics(tagsOf(rows), gold);
      return { precision: metrics.precision, recall: metrics.recall, f1: metrics.f1, accuracy: metrics.accuracy };
    },
    details: (rows) => nerDetails(tagsOf(rows), gold, examples.map((example) => example.tokens)),
  };
}

/** SQuAD exact match and F1 (percentages) of the best span over each question's windows; "no answer" allowed on SQuAD 2.0 data. */
export function qaAnswerEvaluation(features: readonly QaFeature[], examples: readonly QaExample[]): EvaluationSet {
  const windows = new Map<number, number[]>();
  features.forEach((feature, i) => windows.set(feature.exampleIndex, [...(windows.get(feature.exampleIndex) ?? []), i]));
  const allowNoAnswer = examples.some((example) => example.isImpossible);
  const answers = (rows: readonly RowOutputs[]): QaInputs['predictions'] =>
    examples.map((example, index) => {
      const own = windows.get(index) ?? []; // none: the question could not be windowed, and gets no answer
      if (own.length === 0) return { text: '' };
      const logits = own.map((f) => ({ start: rows[f]!.start_logits as number[], end: rows[f]!.end_logits as number[] }));
      const { candidates, nullScore } = rankAnswers(example.context, own.map((f) => features[f]!), logits);
      const best = candidates[0];
      // No valid span at all: "no answer" whatever the threshold (a finite score, so that it survives JSON).
      if (!best) return allowNoAnswer ? { text: '', bestSpan: '', noAnswerScore: Number.MAX_VALUE } : { text: '' };
      if (!allowNoAnswer) return { text: best.text };
      // SQuAD 2.0 (run_qa's rule): "no answer" when [CLS] outscores the best span.
      const noAnswerScore = nullScore - best.score;
      return { text: noAnswerScore > 0 ? '' : best.text, bestSpan: best.text, noAnswerScore };
    });
  const gold = examples.map((e) => ({ id: e.id, question: e.question, context: e.context, answers: e.answers.map((a) => a.text) }));
  const compute = (rows: readonly RowOutputs[]) => qaDetails({ examples: gold, predictions: answers(rows) });
  // score, then details, read the same rows in one evaluation: search the spans once, and let go after.
  let scored: { rows: readonly RowOutputs[]; details: ReturnType<typeof qaDetails> } | undefined;
  const details = (rows: readonly RowOutputs[]) => {
    const found = scored?.rows === rows ? scored.details : compute(rows);
    scored = undefined;
    return found;
  };
  return {
    features,
    outputs: ['start_logits', 'end_logits'],
    metricNames: qaMetricNames(allowNoAnswer),
    score(rows) {
      scored = { rows, details: compute(rows) };
      const { report } = scored.details;
      return { exact_match: report.exact_match, f1: report.f1, ...qaSplitMetrics(report) };
    },
    details,
  };
}
