// Data sets for the service: inspect files for a task (statistics, problems, a preview),
// counted with the run's model's tokenizer. Imported files are kept by dataset-library.ts.
import type { Env } from '../../core/hub/cache-node';
import { statsTokenizerFor } from './model-tokenizer';
import { loadDatasetFiles } from '../../datasets/read-node';
import type { Dataset } from '../../datasets/load';
import type { Task } from '../../datasets/types';
import { readOptionsFor } from '../../datasets/read-options';
import type { DatasetReport, MethodParams } from '../contract';

const PREVIEW_EXAMPLES = 200;

function toReport<T extends Task>(dataset: Dataset<T>, files: { train: string; validation?: string }, tokenizer: string): DatasetReport {
  return {
    task: dataset.task,
    tokenizer,
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

export async function inspectDataset(params: MethodParams<'datasets.inspect'>, env?: Env): Promise<DatasetReport> {
  const files = params.validation ? { train: params.train, validation: params.validation } : { train: params.train };
  const reading = { ...(params.columns ? { columns: params.columns } : {}), ...(params.labelNames ? { label_names: params.labelNames } : {}) };
  const counting = await statsTokenizerFor(params.model, env);
  const dataset = await loadDatasetFiles(params.task, files, {
    read: readOptionsFor(params.task, reading),
    tokenizer: counting.tokenizer,
    ...(params.maxSeqLength ? { maxSeqLength: params.maxSeqLength } : {}),
    ...(params.docStride ? { docStride: params.docStride } : {}),
  });
  return toReport(dataset, files, counting.name);
}

