// Loading a data set for a task: read the training file (and the validation file, or
// carve a validation split), check the whole, and count what the UI shows. The result
// always arrives: what went wrong is in `problems`, never thrown.
import type { ColumnReport } from './column-report';
import { ProblemLog, type Problem } from './problems';
import type { ByteSource } from './source';
import { splitTrainValidation, type SplitOptions } from './split';
import type { DatasetTokenizer } from './tokenizer';
import type { ExampleOf, Task } from './types';
import type { LengthOptions, ReadOptionsOf, StatsOf, TaskDefinition } from './task-definition';
import { classificationTask } from './classification/task';
import { nerTask } from './ner/task';
import { qaTask } from './qa/task';
import { corpusTask } from './corpus/task';

const TASK_DEFINITIONS: { [T in Task]: TaskDefinition<T> } = {
  classification: classificationTask,
  ner: nerTask,
  qa: qaTask,
  mlm: corpusTask,
};

export const DEFAULT_SPLIT: SplitOptions = { validationFraction: 0.1, seed: 42 };

export interface LoadRequest<T extends Task> {
  task: T;
  train: ByteSource;
  validation?: ByteSource;
  read?: ReadOptionsOf[T];
  /** Carve a validation split from train when there is no validation file; false keeps every example for training. */
  split?: SplitOptions | false;
  /** For token-length statistics and the warnings that follow from them. */
  tokenizer?: DatasetTokenizer;
  maxSeqLength?: number;
  docStride?: number;
}

export interface Dataset<T extends Task> {
  task: T;
  train: ExampleOf[T][];
  validation: ExampleOf[T][];
  validationFrom: 'file' | 'split' | 'none';
  /** Label names in id order (classification labels, NER IOB2 tags); empty for QA. */
  labels: string[];
  /** Parallel to labels, when label names renamed some: each label as the file writes it. */
  labelsAsWritten?: string[];
  /** The training file's columns and the role each plays (CSV, TSV, JSON lines). */
  columns?: ColumnReport;
  formats: { train?: string; validation?: string };
  stats: { train: StatsOf[T]; validation: StatsOf[T] };
  problems: Problem[];
  /** No errors: training may start. */
  valid: boolean;
}

export async function loadDataset<T extends Task>(request: LoadRequest<T>): Promise<Dataset<T>> {
  const definition: TaskDefinition<T> = TASK_DEFINITIONS[request.task];
  const log = new ProblemLog();
  const readOptions = request.read ?? ({} as ReadOptionsOf[T]);
  const trainFile = await readSafely(definition, request.train, readOptions, log);
  const validationFile = request.validation ? await readSafely(definition, request.validation, readOptions, log) : undefined;

  definition.checkTrain(trainFile.examples, request.train.name, log);
  let train = trainFile.examples;
  let validation: ExampleOf[T][] = [];
  let validationFrom: Dataset<T>['validationFrom'] = 'none';
  if (request.validation && validationFile) {
    definition.checkValidation(train, validationFile.examples, request.validation.name, log);
    validation = validationFile.examples;
    validationFrom = 'file';
  } else if (request.split !== false && train.length >= 2) {
    const split = request.split ?? { ...DEFAULT_SPLIT, validationFraction: definition.validationFraction ?? DEFAULT_SPLIT.validationFraction };
    ({ train, validation } = splitTrainValidation(train, split, definition.splitKeys));
    validationFrom = 'split';
  }

  const lengths: LengthOptions = { maxSeqLength: request.maxSeqLength ?? definition.defaultMaxSeqLength, docStride: request.docStride ?? 128 };
  const stats = { train: definition.stats(train, request.tokenizer, lengths), validation: definition.stats(validation, request.tokenizer, lengths) };
  definition.warnStats(stats.train, 'training', request.train.name, log);
  definition.warnStats(stats.validation, 'validation', (request.validation ?? request.train).name, log);

  const formats: Dataset<T>['formats'] = {};
  if (trainFile.format) formats.train = trainFile.format;
  if (validationFile?.format) formats.validation = validationFile.format;
  const problems = log.list();
  const labels = definition.labels(train, readOptions);
  const dataset: Dataset<T> = {
    task: request.task,
    train,
    validation,
    validationFrom,
    labels: labels.names,
    formats,
    stats,
    problems,
    valid: !problems.some((p) => p.severity === 'error'),
  };
  if (labels.asWritten) dataset.labelsAsWritten = labels.asWritten;
  if (trainFile.columnReport) dataset.columns = trainFile.columnReport;
  return dataset;
}

/** A file that cannot be opened (missing, a directory, no permission) is one problem, not an exception. */
async function readSafely<T extends Task>(
  definition: TaskDefinition<T>,
  source: ByteSource,
  options: ReadOptionsOf[T],
  log: ProblemLog,
): Promise<{ examples: ExampleOf[T][]; format?: string; columnReport?: ColumnReport }> {
  try {
    return await definition.read(source, options, log);
  } catch (error) {
    log.error(source.name, 'unreadable', `cannot read the file: ${error instanceof Error ? error.message : String(error)}`);
    return { examples: [] };
  }
}
