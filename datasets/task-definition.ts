// What a task contributes to loading a data set. load.ts runs the same steps for every
// task (read, check, split, count) and looks the task's part up here: a registry instead
// of a switch on the task in every step.
import type { ColumnReport } from './column-report';
import type { ProblemLog } from './problems';
import type { ByteSource } from './source';
import type { SplitKeys } from './split';
import type { DatasetTokenizer } from './tokenizer';
import type { ExampleOf, Task } from './types';
import type { ClassificationReadOptions } from './classification/read';
import type { ClassificationStats } from './classification/stats';
import type { NerReadOptions } from './ner/read';
import type { NerStats } from './ner/stats';
import type { QaReadOptions } from './qa/read';
import type { QaStats } from './qa/stats';
import type { CorpusReadOptions } from './corpus/read';
import type { CorpusStats } from './corpus/stats';

export interface ReadOptionsOf {
  classification: ClassificationReadOptions;
  ner: NerReadOptions;
  qa: QaReadOptions;
  mlm: CorpusReadOptions;
}

export interface StatsOf {
  classification: ClassificationStats;
  ner: NerStats;
  qa: QaStats;
  mlm: CorpusStats;
}

export interface LabelList {
  names: string[];
  /** Parallel to names: the label as the file writes it, where it was renamed. */
  asWritten?: string[];
}

export interface LengthOptions {
  maxSeqLength: number;
  /** QA only: overlap between windows of a long context. */
  docStride: number;
}

export interface TaskDefinition<T extends Task> {
  defaultMaxSeqLength: number;
  /** Share of the examples a validation split takes when none is asked for (default 0.1). */
  validationFraction?: number;
  read(source: ByteSource, options: ReadOptionsOf[T], log: ProblemLog): Promise<{ examples: ExampleOf[T][]; format?: string; columnReport?: ColumnReport }>;
  /** Checks of the training examples alone (labels that cannot be learned). */
  checkTrain(train: readonly ExampleOf[T][], file: string, log: ProblemLog): void;
  /** Checks of a validation file against the training data (labels it never showed). */
  checkValidation(train: readonly ExampleOf[T][], validation: readonly ExampleOf[T][], file: string, log: ProblemLog): void;
  /**
   * The label names a model head for this data needs, in id order, and (when the read
   * options renamed labels) each as the file writes it.
   */
  labels(train: readonly ExampleOf[T][], options: ReadOptionsOf[T]): LabelList;
  splitKeys: SplitKeys<ExampleOf[T]>;
  stats(examples: readonly ExampleOf[T][], tokenizer: DatasetTokenizer | undefined, lengths: LengthOptions): StatsOf[T];
  /** Warnings that follow from a split's statistics (truncation, words without pieces). */
  warnStats(stats: StatsOf[T], splitName: string, file: string, log: ProblemLog): void;
}
