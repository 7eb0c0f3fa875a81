// The datasets layer: files people bring → checked examples, statistics and model features.
// Platform-neutral; the Node edge (files on disk, the bundled samples) is in read-node.ts
// and samples-node.ts.
export type { Task, ClassificationExample, NerExample, QaExample, QaAnswer, CorpusDocument, ExampleOf } from './types';
export { TASKS, TASK_NAMES, nerTokenLine } from './types';
export type { Problem, Severity } from './problems';
export { ProblemLog, formatProblem } from './problems';
export type { ByteSource } from './source';
export { memorySource } from './source';
export { loadDataset, DEFAULT_SPLIT, type Dataset, type LoadRequest } from './load';
export type { LengthOptions, ReadOptionsOf, StatsOf } from './task-definition';
export { splitTrainValidation, type SplitOptions, type TrainValidation } from './split';
export { summarizeDataset } from './summary';
export type { DatasetTokenizer } from './tokenizer';
export type { ColumnMapping } from './classification/columns';
export type { ColumnReport, ColumnRole, DataColumns } from './column-report';
export { readOptionsFor, type DataReading } from './read-options';
export { codePointToUtf16, utf16ToCodePoint } from './qa/offsets';
export type { ClassificationReadOptions } from './classification/read';
export type { NerReadOptions } from './ner/read';
export type { QaReadOptions } from './qa/read';
export type { ClassificationStats } from './classification/stats';
export type { NerStats } from './ner/stats';
export type { QaStats } from './qa/stats';
export type { CorpusStats } from './corpus/stats';
export type { CorpusReadOptions, CorpusFormat } from './corpus/read';
export type { LengthStats, HistogramBin } from './stats/lengths';
export { entitySpans, type EntitySpan, type TagScheme } from './ner/tags';
export { IGNORE_INDEX, type ModelInputs } from './featurize/model-inputs';
export { featurizeClassification, type ClassificationFeature, type ClassificationFeaturizeOptions } from './featurize/classification';
export { featurizeNer, alignLabels, wordTagsFromPredictions, type NerFeature, type NerFeaturizeOptions } from './featurize/ner';
export { featurizeQa, answerText, type QaFeature, type QaFeaturizeOptions, type QaFeaturization } from './featurize/qa';
export { bestAnswer, rankAnswers, type AnswerPrediction, type AnswerRanking, type AnswerSearchOptions, type RankedAnswer, type SpanLogits } from './featurize/qa-predictions';
