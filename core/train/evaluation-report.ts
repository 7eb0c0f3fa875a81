// What an evaluation found beyond its eval_* numbers, for a person to trust or doubt them:
// the confusion matrix and per-class scores (classification), seqeval's per-entity-type
// report (NER), SQuAD v2's answerable / unanswerable split and best no-answer threshold
// (QA), how wide the headline score's confidence interval is, and every validation
// example with its gold and predicted answer. Plain data: it is written into the run
// folder (evaluations/) and read by the UI.
import { majorityBaseline } from '../metrics/baseline';
import { classificationMetrics, type ClassScores } from '../metrics/classification';
import { wilsonInterval, type ProportionInterval } from '../metrics/interval';
import { extractEntities, nerMetrics, type EntityTypeScores } from '../metrics/ner';
import { ratio, type PrecisionRecallF1 } from '../metrics/precision-recall';
import { findBestNoAnswerThresholds, scoreQuestion, squadMetrics, type BestThresholds } from '../metrics/qa';

// -- classification -----------------------------------------------------------------------

export interface ClassificationReport {
  task: 'classification';
  /** Label names in id order: the rows and columns of the matrix. */
  labels: string[];
  /** confusion_matrix[gold][predicted] */
  confusion_matrix: number[][];
  per_class: ClassScores[];
  macro: PrecisionRecallF1;
  /** Accuracy with its 95% Wilson interval over the evaluated examples. */
  accuracy: ProportionInterval;
  /** Always predicting the training set's most frequent class. */
  baseline?: { label: string; accuracy: number };
}

export interface ClassificationPredictionRow {
  /** Position in the validation set (0-based). */
  index: number;
  text?: string;
  text_pair?: string;
  /** Absent for an unlabelled test file (predictions only); then `correct` is absent too. */
  gold?: string;
  predicted: string;
  /** Softmax probability of the predicted label. */
  confidence: number;
  correct?: boolean;
}

export interface ClassificationInputs {
  /** Predicted class ids, gold class ids and the predicted class's probability, per example. */
  predicted: readonly number[];
  gold: readonly number[];
  confidence: readonly number[];
  labels: readonly string[];
  /** The examples' texts, when the data has them (pre-tokenized features have none). */
  texts?: readonly { text: string; text_pair?: string }[];
  /** Training labels, for the majority-class baseline. */
  trainLabels?: readonly number[];
}

export function classificationDetails(inputs: ClassificationInputs): { report: ClassificationReport; predictions: ClassificationPredictionRow[] } {
  const { predicted, gold, labels } = inputs;
  const metrics = classificationMetrics(predicted, gold, labels);
  const correct = gold.filter((label, i) => label === predicted[i]).length;
  const report: ClassificationReport = {
    task: 'classification',
    labels: [...labels],
    confusion_matrix: metrics.confusion_matrix,
    per_class: metrics.per_class,
    macro: { precision: metrics.macro_precision, recall: metrics.macro_recall, f1: metrics.macro_f1 },
    accuracy: wilsonInterval(correct, gold.length),
  };
  const baseline = inputs.trainLabels && majorityBaseline(inputs.trainLabels, gold);
  if (baseline) report.baseline = { label: labels[baseline.classId] ?? String(baseline.classId), accuracy: baseline.accuracy };
  const predictions = gold.map((goldId, index): ClassificationPredictionRow => {
    const predictedId = predicted[index] ?? -1;
    const row: ClassificationPredictionRow = {
      index,
      gold: labels[goldId] ?? String(goldId),
      predicted: labels[predictedId] ?? String(predictedId),
      confidence: inputs.confidence[index] ?? 0,
      correct: goldId === predictedId,
    };
    const text = inputs.texts?.[index];
    if (text) Object.assign(row, text.text_pair === undefined ? { text: text.text } : { text: text.text, text_pair: text.text_pair });
    return row;
  });
  return { report, predictions };
}

// -- NER ----------------------------------------------------------------------------------

export interface EntityTypeReport extends EntityTypeScores {
  /** Entities of this type the model predicted. */
  predicted: number;
}

export interface NerReport {
  task: 'ner';
  /** seqeval's classification_report rows, by entity type. */
  per_type: Record<string, EntityTypeReport>;
  micro: PrecisionRecallF1;
  macro: PrecisionRecallF1;
  /** Averaged with each type's support as the weight (seqeval's "weighted avg"). */
  weighted: PrecisionRecallF1;
  sentences: number;
  gold_entities: number;
  predicted_entities: number;
  /** Entity recall with its 95% Wilson interval over the gold entities. */
  recall: ProportionInterval;
  token_accuracy: number;
}

export interface EntityRef {
  type: string;
  /** Word indices, end inclusive (seqeval's). */
  start: number;
  end: number;
}

export interface NerPredictionRow {
  index: number;
  /** The sentence's words, when the data has them. */
  tokens?: string[];
  gold: string[];
  predicted: string[];
  gold_entities: EntityRef[];
  predicted_entities: EntityRef[];
  /** Every entity found exactly and nothing else. */
  correct: boolean;
}

export function nerDetails(predicted: readonly (readonly string[])[], gold: readonly (readonly string[])[], words?: readonly (readonly string[])[]): { report: NerReport; predictions: NerPredictionRow[] } {
  const metrics = nerMetrics(predicted, gold);
  const predictions = gold.map((goldTags, index): NerPredictionRow => {
    const predictedTags = predicted[index] ?? [];
    const goldEntities = extractEntities(goldTags);
    const predictedEntities = extractEntities(predictedTags);
    const key = (e: EntityRef) => `${e.type}:${e.start}:${e.end}`;
    const goldKeys = new Set(goldEntities.map(key));
    const correct = predictedEntities.length === goldEntities.length && predictedEntities.every((e) => goldKeys.has(key(e)));
    const row: NerPredictionRow = { index, gold: [...goldTags], predicted: [...predictedTags], gold_entities: goldEntities, predicted_entities: predictedEntities, correct };
    const tokens = words?.[index];
    if (tokens) row.tokens = [...tokens];
    return row;
  });
  const predictedByType = new Map<string, number>();
  for (const row of predictions) for (const entity of row.predicted_entities) predictedByType.set(entity.type, (predictedByType.get(entity.type) ?? 0) + 1);
  const perType: Record<string, EntityTypeReport> = {};
  for (const [type, scores] of Object.entries(metrics.per_type)) perType[type] = { ...scores, predicted: predictedByType.get(type) ?? 0 };
  const goldEntities = predictions.reduce((n, row) => n + row.gold_entities.length, 0);
  const predictedEntities = predictions.reduce((n, row) => n + row.predicted_entities.length, 0);
  // Micro recall is found gold entities over all gold entities: a proportion, so it has a Wilson interval.
  const found = Math.round(metrics.recall * goldEntities);
  return {
    report: {
      task: 'ner',
      per_type: perType,
      micro: { precision: metrics.precision, recall: metrics.recall, f1: metrics.f1 },
      macro: { precision: metrics.macro_precision, recall: metrics.macro_recall, f1: metrics.macro_f1 },
      weighted: weightedAverage(Object.values(metrics.per_type)),
      sentences: gold.length,
      gold_entities: goldEntities,
      predicted_entities: predictedEntities,
      recall: wilsonInterval(found, goldEntities),
      token_accuracy: metrics.accuracy,
    },
    predictions,
  };
}

function weightedAverage(scores: readonly EntityTypeScores[]): PrecisionRecallF1 {
  const total = scores.reduce((n, s) => n + s.support, 0);
  const mean = (key: keyof PrecisionRecallF1) => ratio(scores.reduce((sum, s) => sum + s[key] * s.support, 0), total);
  return { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') };
}

// -- QA -----------------------------------------------------------------------------------

export interface QaSplit {
  exact: number;
  f1: number;
  total: number;
}

export interface QaReport {
  task: 'qa';
  /** Percentages, as the SQuAD scripts report them. */
  exact_match: number;
  f1: number;
  questions: number;
  /** Present when such questions occur (SQuAD v2's split). */
  HasAns?: QaSplit;
  NoAns?: QaSplit;
  /** The no-answer threshold that would have scored best, with those scores (SQuAD 2.0 data only). */
  best?: BestThresholds;
  /** Exact match as a proportion, with its 95% Wilson interval over the questions. */
  exact: ProportionInterval;
}

export interface QaPredictionRow {
  index: number;
  id?: string;
  question: string;
  context: string;
  /** Gold answer texts; empty for an unanswerable question. */
  answers: string[];
  /** '' for "no answer". */
  predicted: string;
  /** null score − best span score: above the threshold the answer becomes "no answer". */
  no_answer_score?: number;
  /** 0 or 1, and 0..1: against the best-matching gold answer, as the SQuAD scripts score it. */
  exact: number;
  f1: number;
  correct: boolean;
}

export interface QaInputs {
  examples: readonly { id?: string; question: string; context: string; answers: readonly string[] }[];
  /** Per example, the answer given ('' for none) and, on SQuAD 2.0 data, the best span and its no-answer score. */
  predictions: readonly { text: string; bestSpan?: string; noAnswerScore?: number }[];
}

/** The eval_* metrics of SQuAD v2 beyond exact_match and f1 (v1 data has none of them). */
export function qaSplitMetrics(report: QaReport): Record<string, number> {
  const metrics: Record<string, number> = {};
  if (report.HasAns) Object.assign(metrics, { HasAns_exact: report.HasAns.exact, HasAns_f1: report.HasAns.f1 });
  if (report.NoAns) Object.assign(metrics, { NoAns_exact: report.NoAns.exact, NoAns_f1: report.NoAns.f1 });
  if (report.best) Object.assign(metrics, report.best);
  return metrics;
}

export function qaDetails(inputs: QaInputs): { report: QaReport; predictions: QaPredictionRow[] } {
  const scored = inputs.examples.map((example, i) => ({ prediction: inputs.predictions[i]?.text ?? '', answers: example.answers }));
  const scores = scored.map(scoreQuestion);
  const squad = squadMetrics(scored);
  const report: QaReport = {
    task: 'qa',
    exact_match: squad.exact_match,
    f1: squad.f1,
    questions: squad.total,
    exact: wilsonInterval(scores.filter((score) => score.exact === 1).length, squad.total),
  };
  if (squad.HasAns_total !== undefined) report.HasAns = { exact: squad.HasAns_exact!, f1: squad.HasAns_f1!, total: squad.HasAns_total };
  if (squad.NoAns_total !== undefined) report.NoAns = { exact: squad.NoAns_exact!, f1: squad.NoAns_f1!, total: squad.NoAns_total };
  // The threshold search needs every question's best span and its no-answer score (SQuAD 2.0 runs only).
  const spans = inputs.examples.map((example, i) => {
    const p = inputs.predictions[i];
    return p?.noAnswerScore === undefined ? undefined : { prediction: p.bestSpan ?? p.text, answers: example.answers, noAnswerScore: p.noAnswerScore };
  });
  if (squad.NoAns_total !== undefined && spans.every((s) => s !== undefined)) report.best = findBestNoAnswerThresholds(spans as NonNullable<(typeof spans)[number]>[]);
  const predictions = inputs.examples.map((example, index): QaPredictionRow => {
    const p = inputs.predictions[index];
    const score = scores[index] ?? { exact: 0, f1: 0 };
    const row: QaPredictionRow = {
      index,
      question: example.question,
      context: example.context,
      answers: [...example.answers],
      predicted: p?.text ?? '',
      exact: score.exact,
      f1: score.f1,
      correct: score.exact === 1,
    };
    if (example.id !== undefined) row.id = example.id;
    if (p?.noAnswerScore !== undefined) row.no_answer_score = p.noAnswerScore;
    return row;
  });
  return { report, predictions };
}

// -- the union ----------------------------------------------------------------------------

export type EvaluationDetails =
  | { report: ClassificationReport; predictions: ClassificationPredictionRow[] }
  | { report: NerReport; predictions: NerPredictionRow[] }
  | { report: QaReport; predictions: QaPredictionRow[] };

export type EvaluationReport = EvaluationDetails['report'];
export type EvaluationPredictionRow = EvaluationDetails['predictions'][number];

/** The headline score's interval: what the small-validation-set warning is about. */
export function headlineInterval(report: EvaluationReport): { metric: string; of: string; interval: ProportionInterval } {
  switch (report.task) {
    case 'classification':
      return { metric: 'accuracy', of: 'examples', interval: report.accuracy };
    case 'ner':
      return { metric: 'entity recall', of: 'gold entities', interval: report.recall };
    case 'qa':
      return { metric: 'exact match', of: 'questions', interval: report.exact };
  }
}
