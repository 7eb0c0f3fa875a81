// Precision, recall and F1 from counts, shared by the classification and NER metrics.
// A 0/0 ratio counts as 0, as sklearn's and seqeval's default `zero_division` does.

export interface PrecisionRecallF1 {
  precision: number;
  recall: number;
  f1: number;
}

export function ratio(numerator: number, denominator: number): number {
  return denominator === 0 ? 0 : numerator / denominator;
}

export function precisionRecallF1(truePositives: number, predicted: number, actual: number): PrecisionRecallF1 {
  const precision = ratio(truePositives, predicted);
  const recall = ratio(truePositives, actual);
  return { precision, recall, f1: ratio(2 * precision * recall, precision + recall) };
}

/** The unweighted mean of per-class scores (the "macro" average). */
export function macroAverage(scores: readonly PrecisionRecallF1[]): PrecisionRecallF1 {
  const mean = (key: keyof PrecisionRecallF1) => ratio(scores.reduce((sum, s) => sum + s[key], 0), scores.length);
  return { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') };
}
