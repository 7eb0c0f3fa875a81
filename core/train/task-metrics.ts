// What each task's evaluation measures, under the names Trainer logs without `eval_`:
// the one list the evaluation sets report, `metric_for_best_model` is checked against and
// the New run form offers. SQuAD v2's split and threshold metrics exist only when the
// validation data has unanswerable questions.
import type { RunTask } from './run-config';

export const TASK_METRICS: Readonly<Record<RunTask, readonly string[]>> = {
  classification: ['loss', 'accuracy', 'f1', 'precision', 'recall'],
  ner: ['loss', 'precision', 'recall', 'f1', 'accuracy'],
  qa: ['loss', 'exact_match', 'f1', 'HasAns_exact', 'HasAns_f1', 'NoAns_exact', 'NoAns_f1', 'best_exact', 'best_f1'],
  mlm: ['loss', 'perplexity'],
};

/** The QA metrics that need unanswerable questions in the validation data. */
export const SQUAD_V2_ONLY: readonly string[] = ['NoAns_exact', 'NoAns_f1', 'best_exact', 'best_f1'];

/** QA's metric names for data with (v2) or without (v1) unanswerable questions. */
export function qaMetricNames(withUnanswerable: boolean): string[] {
  return TASK_METRICS.qa.filter((name) => withUnanswerable || !SQUAD_V2_ONLY.includes(name));
}
