// "Evaluate on a test file": a finished model on a data file of its task, with the same
// evaluation sets as training uses, so that test metrics mean what validation metrics
// mean. A file without labels (a classification file with no label column) still gets
// every prediction. The app runs this in a worker process; `bert-workbench predict --data`
// runs it in its own, and both write the same predictions table.
import path from 'node:path';
import { loadHfModel } from '../../core/checkpoint/hf-folder-node';
import { argmax, labelName, softmax } from '../../core/model/heads/task-head';
import type { BertModel } from '../../core/model/model';
import { predictBatch } from '../../core/model/prediction';
import { loadTokenizer } from '../../core/tokenizer/load-node';
import { classificationEvaluation, evaluateInDetail, type EvaluationSet } from '../../core/train/evaluation';
import type { ClassificationPredictionRow } from '../../core/train/evaluation-report';
import { parseRunConfig, type RunTask } from '../../core/train/run-config';
import { resolveAgainst } from '../../core/train/run-config-node';
import { classificationTask } from '../../datasets/classification/task';
import { featurizeClassification } from '../../datasets/featurize/classification';
import { IGNORE_INDEX } from '../../datasets/featurize/model-inputs';
import { featurizeNer } from '../../datasets/featurize/ner';
import { featurizeQa } from '../../datasets/featurize/qa';
import { nerTask } from '../../datasets/ner/task';
import { formatProblem, ProblemLog } from '../../datasets/problems';
import { qaTask } from '../../datasets/qa/task';
import { fileSource } from '../../datasets/read-node';
import type { ClassificationExample, NerExample, QaExample } from '../../datasets/types';
import type { RunEvaluation, RunRecord } from '../contract';
import { writeEvaluation } from './evaluation-files';
import { nerWordEvaluation, qaAnswerEvaluation } from './evaluation-sets';
import type { RunStore } from './run-store';
import { FINAL_MODEL_DIR } from './run-store';

export interface TestFileOptions {
  task: RunTask;
  /** The run's max_seq_length and doc_stride (QA windows), as it trained. */
  maxSeqLength: number;
  docStride: number;
  batchSize: number;
}

/** Thrown for a file that cannot be evaluated; the message names the file (and line). */
export class TestFileError extends Error {
  override name = 'TestFileError';
}

const MAX_NAMED_LABELS = 5;

/** The run's final model on `file`, with the run's own sequence length and windows; kept as evaluations/test. */
export async function evaluateRunOnFile(store: RunStore, runId: string, file: string): Promise<RunEvaluation> {
  const runDir = store.dir(runId);
  const evaluation = await evaluateModelOnFile(path.join(runDir, FINAL_MODEL_DIR), file, testOptionsOfRun(await store.get(runId), runDir));
  await writeEvaluation(runDir, 'test', evaluation);
  return evaluation;
}

/** How a run's model reads a file: its task, sequence length, QA windows and batch size. */
export function testOptionsOfRun(run: Pick<RunRecord, 'config'>, runDir: string): TestFileOptions {
  const { task, training } = parseRunConfig(run.config, { resolvePath: resolveAgainst(runDir) });
  return { task, maxSeqLength: training.max_seq_length, docStride: training.doc_stride, batchSize: training.batch_size };
}

/** Evaluates the model folder on `file`; metrics are test_* keys, as Trainer's predict names them. */
export async function evaluateModelOnFile(modelDir: string, file: string, options: TestFileOptions): Promise<RunEvaluation> {
  const [{ model }, tokenizer] = await Promise.all([loadHfModel(modelDir), loadTokenizer(modelDir)]);
  try {
    const warnings: string[] = [];
    const maxLength = Math.min(options.maxSeqLength, model.config.max_position_embeddings);
    const { set, unlabelled } = await testSet(model, file, options, maxLength, tokenizer, warnings);
    const base = { kind: 'test' as const, created_at: new Date().toISOString(), file, ...(warnings.length ? { warnings } : {}) };
    if (unlabelled) return { ...base, metrics: {}, predictions: await predictLabels(model, unlabelled, options.batchSize) };
    const { metrics, details } = await evaluateInDetail(model, set!, options.batchSize);
    const testMetrics = Object.fromEntries(Object.entries(metrics).map(([key, value]) => [key.replace(/^eval_/, 'test_'), value]));
    if (!details) throw new Error(`the ${options.task} evaluation gives no predictions`);
    return { ...base, metrics: testMetrics, report: details.report, predictions: details.predictions };
  } finally {
    model.dispose();
  }
}

type Tokenizer = Awaited<ReturnType<typeof loadTokenizer>>;

interface UnlabelledClassification {
  examples: ClassificationExample[];
  features: ReturnType<typeof featurizeClassification>;
}

async function testSet(model: BertModel, file: string, options: TestFileOptions, maxLength: number, tokenizer: Tokenizer, warnings: string[]): Promise<{ set?: EvaluationSet; unlabelled?: UnlabelledClassification }> {
  const labels = modelLabels(model);
  switch (options.task) {
    case 'classification': {
      const examples = await readExamples(file, (source, log) => classificationTask.read(source, { requireLabels: false }, log));
      const features = featurizeClassification(examples, tokenizer, { maxLength, labels, padding: false });
      const texts = examples.map((e) => (e.textPair === undefined ? { text: e.text } : { text: e.text, text_pair: e.textPair }));
      if (examples.every((e) => e.label === '')) return { unlabelled: { examples, features } };
      const unknown = [...new Set(examples.filter((e, i) => e.label !== '' && features[i]!.label === IGNORE_INDEX).map((e) => e.label))];
      if (unknown.length > 0) warnings.push(`labels the model does not know are left out of the metrics: ${named(unknown)} (the model knows ${named(labels)})`);
      const unlabelledCount = examples.filter((e) => e.label === '').length;
      if (unlabelledCount > 0) warnings.push(`${unlabelledCount} examples without a label are left out of the metrics`);
      const set = classificationEvaluation(features, labels, { texts });
      if (set.features.length === 0) throw new TestFileError(`${file}: no example has a label the model knows (${named(labels)})`);
      return { set };
    }
    case 'ner': {
      const examples = await readExamples<NerExample>(file, (source, log) => nerTask.read(source, {}, log));
      const unknown = [...new Set(examples.flatMap((e) => e.tags).filter((tag) => !labels.includes(tag)))];
      if (unknown.length > 0) warnings.push(`tags the model does not know count as wrong: ${named(unknown)}`);
      return { set: nerWordEvaluation(featurizeNer(examples, tokenizer, { maxLength, labels, padding: false }), examples, labels) };
    }
    case 'qa': {
      const examples = await readExamples<QaExample>(file, (source, log) => qaTask.read(source, {}, log));
      const windows = featurizeQa(examples, tokenizer, { maxLength, docStride: options.docStride, padding: false });
      if (windows.skipped.length > 0) warnings.push(`${windows.skipped.length} questions could not be windowed and count as unanswered: ${windows.skipped[0]!.reason}`);
      return { set: qaAnswerEvaluation(windows.features, examples) };
    }
    case 'mlm':
      throw new TestFileError('a pre-training run has no task predictions to evaluate on a file; fine-tune it first');
  }
}

/** Reads the file with the task's reader; errors refuse it, naming the first (file and line). */
async function readExamples<E>(file: string, read: (source: ReturnType<typeof fileSource>, log: ProblemLog) => Promise<{ examples: E[] }>): Promise<E[]> {
  const log = new ProblemLog();
  const { examples } = await read(fileSource(file), log);
  const errors = log.list().filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problems; \`bert-workbench inspect-data\` lists them)` : '';
    throw new TestFileError(`${formatProblem(errors[0]!).replace(/^error: /, '')}${more}`);
  }
  if (examples.length === 0) throw new TestFileError(`${file} has no examples`);
  return examples;
}

/** Predictions without gold labels: the label and its probability for every example. */
async function predictLabels(model: BertModel, { examples, features }: UnlabelledClassification, batchSize: number): Promise<ClassificationPredictionRow[]> {
  const rows: ClassificationPredictionRow[] = [];
  for (let start = 0; start < features.length; start += batchSize) {
    const results = await predictBatch(model, features.slice(start, start + batchSize));
    results.forEach((result, b) => {
      const index = start + b;
      const probabilities = softmax(result.outputs.logits as number[]);
      const id = argmax(probabilities);
      const example = examples[index]!;
      const row: ClassificationPredictionRow = { index, text: example.text, predicted: labelName(model.config, id), confidence: probabilities[id] ?? 0 };
      if (example.textPair !== undefined) row.text_pair = example.textPair;
      rows.push(row);
    });
  }
  return rows;
}

function modelLabels(model: BertModel): string[] {
  const id2label = model.config.id2label ?? {};
  return Array.from({ length: Object.keys(id2label).length }, (_, id) => id2label[String(id)] ?? `LABEL_${id}`);
}

function named(values: readonly string[]): string {
  const shown = values.slice(0, MAX_NAMED_LABELS).map((v) => JSON.stringify(v)).join(', ');
  return values.length > MAX_NAMED_LABELS ? `${shown}, … (${values.length} in all)` : shown;
}
