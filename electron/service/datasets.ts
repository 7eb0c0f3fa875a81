// Data sets for the service: inspect files for a task (statistics, problems, a preview)
// and keep files that a person dropped into the app.
import { writeFileAtomic } from '../../core/io/atomic-write-node';
import type { Env } from '../../core/hub/cache-node';
import { statsTokenizerFor } from './model-tokenizer';
import { loadDatasetFiles } from '../../datasets/read-node';
import type { Dataset } from '../../datasets/load';
import type { Task } from '../../datasets/types';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { DatasetReport, ImportedFile, MethodParams } from '../contract';
import { ServiceError } from './host';

const PREVIEW_EXAMPLES = 200;

function toReport<T extends Task>(dataset: Dataset<T>, files: { train: string; validation?: string }, tokenizer: string): DatasetReport {
  return {
    task: dataset.task,
    tokenizer,
    files,
    formats: dataset.formats,
    validationFrom: dataset.validationFrom,
    labels: dataset.labels,
    stats: dataset.stats,
    problems: dataset.problems,
    valid: dataset.valid,
    preview: { train: dataset.train.slice(0, PREVIEW_EXAMPLES), validation: dataset.validation.slice(0, PREVIEW_EXAMPLES) },
  } as DatasetReport;
}

export async function inspectDataset(params: MethodParams<'datasets.inspect'>, env?: Env): Promise<DatasetReport> {
  const files = params.validation ? { train: params.train, validation: params.validation } : { train: params.train };
  const counting = await statsTokenizerFor(params.model, env);
  const dataset = await loadDatasetFiles(params.task, files, {
    tokenizer: counting.tokenizer,
    ...(params.maxSeqLength ? { maxSeqLength: params.maxSeqLength } : {}),
    ...(params.docStride ? { docStride: params.docStride } : {}),
  });
  return toReport(dataset, files, counting.name);
}

/** Keeps a dropped file under the workbench's home, named so two imports never collide. */
export async function importDataset(params: MethodParams<'datasets.import'>, datasetsDir: string): Promise<ImportedFile> {
  const base = path.basename(params.name).replace(/[^\w.-]+/g, '_').replace(/^\.+/, '') || 'data';
  const bytes = Buffer.from(params.contentBase64, 'base64');
  if (bytes.length === 0) throw new ServiceError(`${params.name} is empty`);
  const stamp = new Date().toISOString().slice(0, 10);
  const target = path.join(datasetsDir, `${stamp}-${randomBytes(3).toString('hex')}-${base}`);
  await writeFileAtomic(target, bytes);
  return { path: target, name: params.name, bytes: bytes.length };
}
