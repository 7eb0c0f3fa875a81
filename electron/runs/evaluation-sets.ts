// Evaluations that read predictions back into the raw data: NER scored on the words of
// the file (a word cut off by max_seq_length counts as predicted O, as run_ner's seqeval
// does not see it), and QA scored on answer strings from the contexts (SQuAD EM/F1 over
// all windows of a question). The loop that runs the model is core/train/evaluation.ts.
import { argmax, type RowOutputs } from '../../core/model/heads/task-head';
import { nerMetrics } from '../../core/metrics/ner';
import { squadMetrics } from '../../core/metrics/qa';
import type { EvaluationSet } from '../../core/train/evaluation';
import { wordTagsFromPredictions, type NerFeature } from '../../datasets/featurize/ner';
import type { QaFeature } from '../../datasets/featurize/qa';
import { bestAnswer } from '../../datasets/featurize/qa-predictions';
import type { NerExample, QaExample } from '../../datasets/types';

/** Entity precision, recall, F1 and token accuracy on the words of the examples (one feature each). */
export function nerWordEvaluation(features: readonly NerFeature[], examples: readonly NerExample[], labels: readonly string[]): EvaluationSet {
  return {
    features,
    outputs: ['logits'],
    metricNames: ['loss', 'precision', 'recall', 'f1', 'accuracy'],
    score(rows) {
      const predicted = rows.map((row, i) => wordTagsFromPredictions(features[i]!, (row.logits as number[][]).map(argmax), labels));
      const metrics = nerMetrics(predicted, examples.map((example) => example.tags));
      return { precision: metrics.precision, recall: metrics.recall, f1: metrics.f1, accuracy: metrics.accuracy };
    },
  };
}

/** SQuAD exact match and F1 (percentages) of the best span over each question's windows; "no answer" allowed on SQuAD 2.0 data. */
export function qaAnswerEvaluation(features: readonly QaFeature[], examples: readonly QaExample[]): EvaluationSet {
  const windows = new Map<number, number[]>();
  features.forEach((feature, i) => windows.set(feature.exampleIndex, [...(windows.get(feature.exampleIndex) ?? []), i]));
  const allowNoAnswer = examples.some((example) => example.isImpossible);
  const answer = (example: QaExample, index: number, rows: readonly RowOutputs[]): string => {
    const own = windows.get(index) ?? []; // none: the question could not be windowed, and gets no answer
    const logits = own.map((f) => ({ start: rows[f]!.start_logits as number[], end: rows[f]!.end_logits as number[] }));
    return own.length === 0 ? '' : bestAnswer(example.context, own.map((f) => features[f]!), logits, { allowNoAnswer }).text;
  };
  return {
    features,
    outputs: ['start_logits', 'end_logits'],
    metricNames: ['loss', 'exact_match', 'f1'],
    score(rows) {
      const metrics = squadMetrics(examples.map((example, i) => ({ prediction: answer(example, i, rows), answers: example.answers.map((a) => a.text) })));
      return { exact_match: metrics.exact_match, f1: metrics.f1 };
    },
  };
}
