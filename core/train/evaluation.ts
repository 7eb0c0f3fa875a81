// Evaluation: the model without dropout over a validation set, in order, giving Trainer's
// `eval_*` row: `eval_loss` (the mean over examples, as Trainer averages per-batch losses
// weighted by batch size) and the task's metrics. What a task measures is an
// EvaluationSet: which outputs it reads back and how it scores them. The sets that need
// only the core are here; those that map predictions back to raw text (QA answers, NER
// words cut by truncation) are built where the raw data is (electron/runs).
import * as tf from '../tf';
import type { BertModel } from '../model/model';
import { argmax, softmax, type RowOutputs } from '../model/heads/task-head';
import { IGNORE_INDEX } from '../model/heads/losses';
import { classificationMetrics } from '../metrics/classification';
import { nerMetrics, tagsFromLabelIds } from '../metrics/ner';
import { collate, disposeBatch } from './batching';
import { classificationDetails, nerDetails, type EvaluationDetails } from './evaluation-report';
import { hasLabels, realLength, type TrainingFeature } from './features';
import { TASK_METRICS } from './task-metrics';

export interface EvaluationSet {
  features: readonly TrainingFeature[];
  /** Head outputs `score` reads, one row per feature (per-token outputs cut to its real length). */
  outputs: readonly string[];
  /** The names `score` returns (without `eval_`), known before a run so `metric_for_best_model` can be checked. */
  metricNames: readonly string[];
  /** Task metrics from the rows, in feature order; `loss` is the mean eval loss when the features have labels. */
  score(rows: readonly RowOutputs[], loss: number | undefined): Record<string, number>;
  /** Evaluates the whole set itself instead of the loop below (pre-training decodes masked positions only); metrics without the eval_ prefix. */
  run?(model: BertModel, batchSize: number): Promise<Record<string, number>>;
  /** What the evaluation found example by example (evaluation-report.ts), from the same rows. */
  details?(rows: readonly RowOutputs[]): EvaluationDetails;
}

export interface EvaluationOutcome {
  /** Trainer's eval_* row. */
  metrics: Record<string, number>;
  /** The report and every example's prediction, when the set gives them. */
  details?: EvaluationDetails;
}

/** The `eval_*` metrics of the model on the set; leaves no tensors behind. */
export async function evaluate(model: BertModel, set: EvaluationSet, batchSize: number): Promise<Record<string, number>> {
  return (await evaluateInDetail(model, set, batchSize)).metrics;
}

/** The `eval_*` metrics and, when the set gives them, the report and predictions; leaves no tensors behind. */
export async function evaluateInDetail(model: BertModel, set: EvaluationSet, batchSize: number): Promise<EvaluationOutcome> {
  if (set.run) return { metrics: withEvalPrefix(await set.run(model, batchSize)) };
  const head = model.headName;
  const withLoss = set.features.length > 0 && set.features.every((feature) => hasLabels(feature, head));
  const rows: RowOutputs[] = [];
  let lossSum = 0;
  for (let start = 0; start < set.features.length; start += batchSize) {
    const features = set.features.slice(start, start + batchSize);
    const batch = collate(features, head, model.config.pad_token_id, { labels: withLoss });
    const outputs = model.forward(batch.inputs, { training: false });
    try {
      if (withLoss) {
        const loss = tf.tidy(() => model.head.loss(outputs, batch.labels, batch.inputs, model.config));
        lossSum += (await loss.data())[0]! * features.length;
        loss.dispose();
      }
      rows.push(...(await readRows(outputs, set.outputs, model.head.perTokenOutputs, features)));
    } finally {
      tf.dispose(Object.values(outputs));
      disposeBatch(batch);
    }
  }
  const loss = withLoss ? lossSum / set.features.length : undefined;
  const metrics: Record<string, number> = loss === undefined ? {} : { loss };
  Object.assign(metrics, set.score(rows, loss));
  const outcome: EvaluationOutcome = { metrics: withEvalPrefix(metrics) };
  if (set.details) outcome.details = set.details(rows);
  return outcome;
}

function withEvalPrefix(metrics: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).map(([name, value]) => [`eval_${name}`, value]));
}

async function readRows(outputs: Record<string, tf.Tensor>, names: readonly string[], perToken: readonly string[], features: readonly TrainingFeature[]): Promise<RowOutputs[]> {
  const rows: RowOutputs[] = features.map(() => ({}));
  for (const name of names) {
    const output = outputs[name];
    if (!output) throw new Error(`the model has no output ${name}`);
    const values = (await output.array()) as (number[] | number[][])[];
    features.forEach((feature, b) => {
      rows[b]![name] = perToken.includes(name) ? values[b]!.slice(0, realLength(feature)) as number[] | number[][] : values[b]!;
    });
  }
  return rows;
}

export interface ClassificationEvaluationExtras {
  /** The texts of `features`, in the same order (raw data has them; pre-tokenized features do not). */
  texts?: readonly { text: string; text_pair?: string }[];
  /** The training labels: the majority-class baseline predicts the most frequent of them. */
  trainLabels?: readonly number[];
}

/** Accuracy and macro-averaged precision, recall and F1 over the labelled examples. */
export function classificationEvaluation(features: readonly TrainingFeature[], labelNames: readonly string[], extras: ClassificationEvaluationExtras = {}): EvaluationSet {
  const kept = features.map((feature, index) => ({ feature, index })).filter(({ feature }) => feature.label !== undefined && feature.label !== IGNORE_INDEX);
  const labelled = kept.map(({ feature }) => feature);
  const gold = labelled.map((feature) => feature.label!);
  const allTexts = extras.texts;
  const texts = allTexts && kept.map(({ index }) => allTexts[index] ?? { text: '' });
  const predictedIds = (rows: readonly RowOutputs[]) => rows.map((row) => argmax(row.logits as number[]));
  return {
    features: labelled,
    outputs: ['logits'],
    metricNames: TASK_METRICS.classification,
    score(rows) {
      const metrics = classificationMetrics(predictedIds(rows), gold, labelNames);
      return { accuracy: metrics.accuracy, f1: metrics.macro_f1, precision: metrics.macro_precision, recall: metrics.macro_recall };
    },
    details(rows) {
      const predicted = predictedIds(rows);
      const confidence = rows.map((row, i) => softmax(row.logits as number[])[predicted[i] ?? -1] ?? 0);
      return classificationDetails({ predicted, gold, confidence, labels: labelNames, ...(texts ? { texts } : {}), ...(extras.trainLabels ? { trainLabels: extras.trainLabels } : {}) });
    },
  };
}

/**
 * seqeval's entity precision, recall and F1 (and token accuracy) on the labelled tokens:
 * the first piece of each word carries its label, so those positions are the words.
 */
export function tokenClassificationEvaluation(features: readonly TrainingFeature[], labelNames: readonly string[]): EvaluationSet {
  const tagsOf = (rows: readonly RowOutputs[]) => {
    const predictions = rows.map((row) => (row.logits as number[][]).map(argmax));
    return tagsFromLabelIds(predictions, features.map((feature) => feature.labels!), labelNames);
  };
  return {
    features,
    outputs: ['logits'],
    metricNames: TASK_METRICS.ner,
    score(rows) {
      const tags = tagsOf(rows);
      const metrics = nerMetrics(tags.predictions, tags.references);
      return { precision: metrics.precision, recall: metrics.recall, f1: metrics.f1, accuracy: metrics.accuracy };
    },
    details(rows) {
      const tags = tagsOf(rows);
      return nerDetails(tags.predictions, tags.references);
    },
  };
}

export { maskedLmEvaluation } from './pretraining-evaluation';

/** Only eval_loss: for pre-tokenized QA features, which carry no text to read answers back from. */
export function lossEvaluation(features: readonly TrainingFeature[]): EvaluationSet {
  return { features, outputs: [], metricNames: ['loss'], score: () => ({}) };
}
