// Sequence-classification metrics with sklearn's semantics: accuracy, micro and macro F1,
// per-class precision/recall/F1/support and the confusion matrix.
import { macroAverage, precisionRecallF1, ratio, type PrecisionRecallF1 } from './precision-recall';

export interface ClassScores extends PrecisionRecallF1 {
  label: string;
  /** Gold examples of this class. */
  support: number;
}

export interface ClassificationMetrics {
  accuracy: number;
  /** Over classes that occur in the gold labels or the predictions (sklearn's default `labels`). */
  macro_precision: number;
  macro_recall: number;
  macro_f1: number;
  /** Equals accuracy for single-label classification; kept because people look for it. */
  micro_f1: number;
  /** Every class, in id order, including those that never occur. */
  per_class: ClassScores[];
  /** confusion_matrix[gold][predicted], sklearn's orientation. */
  confusion_matrix: number[][];
}

export function classificationMetrics(
  predictions: readonly number[],
  labels: readonly number[],
  labelNames: readonly string[],
): ClassificationMetrics {
  if (predictions.length !== labels.length) {
    throw new RangeError(`${predictions.length} predictions for ${labels.length} labels`);
  }
  const numClasses = labelNames.length;
  const confusion = Array.from({ length: numClasses }, () => new Array<number>(numClasses).fill(0));
  labels.forEach((label, i) => {
    // Both ids are checked to be in [0, numClasses): the cell exists.
    confusion[checkClassId(label, numClasses)]![checkClassId(predictions[i], numClasses)]! += 1;
  });

  const supports = confusion.map((row) => sum(row));
  const predictedCounts = labelNames.map((_, c) => sum(confusion.map((row) => row[c] ?? 0)));
  // c ranges over the classes: row c and its cell c exist, as do supports[c] and predictedCounts[c].
  const diagonal = (c: number): number => confusion[c]![c]!;
  const perClass = labelNames.map(
    (label, c): ClassScores => ({ label, ...precisionRecallF1(diagonal(c), predictedCounts[c]!, supports[c]!), support: supports[c]! }),
  );
  const macro = macroAverage(perClass.filter((_, c) => supports[c]! > 0 || predictedCounts[c]! > 0));
  const correct = sum(labelNames.map((_, c) => diagonal(c)));
  const accuracy = ratio(correct, labels.length);
  // Micro-averaged: every example is one prediction and one gold label, so P = R = accuracy.
  const micro = precisionRecallF1(correct, labels.length, labels.length);

  return {
    accuracy,
    macro_precision: macro.precision,
    macro_recall: macro.recall,
    macro_f1: macro.f1,
    micro_f1: micro.f1,
    per_class: perClass,
    confusion_matrix: confusion,
  };
}

function checkClassId(id: number | undefined, numClasses: number): number {
  if (id === undefined || !Number.isInteger(id) || id < 0 || id >= numClasses) throw new RangeError(`class id ${id} is outside 0..${numClasses - 1}`);
  return id;
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
