// Data sets for the service: inspect files for a task (statistics, problems, a preview).
// Imported files are kept by dataset-library.ts.
import { loadDefaultTokenizer, loadTokenizer } from '../../core/tokenizer/load-node';
import type { BertTokenizer } from '../../core/tokenizer';
import { loadDatasetFiles } from '../../datasets/read-node';
import type { Dataset } from '../../datasets/load';
import type { Task } from '../../datasets/types';
import { readOptionsFor } from '../../datasets/read-options';
import type { DatasetReport, MethodParams } from '../contract';
import { ServiceError } from './host';

const PREVIEW_EXAMPLES = 200;

let tokenizer: Promise<BertTokenizer> | undefined;
/** The shipped bert-base-uncased vocabulary: token lengths match every uncased preset. */
function statsTokenizer(): Promise<BertTokenizer> {
  tokenizer ??= loadDefaultTokenizer();
  return tokenizer;
}

/** A checkpoint's own vocabulary, for counts under the model a run will use ([UNK] rate of a corpus). */
async function vocabularyTokenizer(dir: string): Promise<BertTokenizer> {
  try {
    return await loadTokenizer(dir);
  } catch (error) {
    throw new ServiceError(`cannot read the vocabulary of ${dir}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

function toReport<T extends Task>(dataset: Dataset<T>, files: { train: string; validation?: string }): DatasetReport {
  return {
    task: dataset.task,
    files,
    formats: dataset.formats,
    validationFrom: dataset.validationFrom,
    labels: dataset.labels,
    ...(dataset.labelsAsWritten ? { labelsAsWritten: dataset.labelsAsWritten } : {}),
    ...(dataset.columns ? { columns: dataset.columns } : {}),
    stats: dataset.stats,
    problems: dataset.problems,
    valid: dataset.valid,
    preview: { train: dataset.train.slice(0, PREVIEW_EXAMPLES), validation: dataset.validation.slice(0, PREVIEW_EXAMPLES) },
  } as DatasetReport;
}

export async function inspectDataset(params: MethodParams<'datasets.inspect'>): Promise<DatasetReport> {
  const files = params.validation ? { train: params.train, validation: params.validation } : { train: params.train };
  const reading = { ...(params.columns ? { columns: params.columns } : {}), ...(params.labelNames ? { label_names: params.labelNames } : {}) };
  const dataset = await loadDatasetFiles(params.task, files, {
    read: readOptionsFor(params.task, reading),
    tokenizer: params.vocabulary ? await vocabularyTokenizer(params.vocabulary) : await statsTokenizer(),
    ...(params.maxSeqLength ? { maxSeqLength: params.maxSeqLength } : {}),
    ...(params.docStride ? { docStride: params.docStride } : {}),
  });
  return toReport(dataset, files);
}

