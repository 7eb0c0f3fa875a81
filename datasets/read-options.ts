// A run config's `data` (core/train/run-config.ts) → how datasets/ reads the files: the
// format when stated, the columns, the label names. Training, export, the service's
// inspection and `inspect-data` all read a run's files through this, so that they see the
// same examples.
import type { RunData } from '../core/train/run-config';
import type { ReadOptionsOf } from './task-definition';
import type { Task } from './types';

export type DataReading = Pick<RunData, 'format' | 'columns' | 'label_names'>;

/** The raw formats each task reads, as run configs name them. */
const FORMATS: { [T in Task]: Readonly<Record<string, ReadOptionsOf[T]['format']>> } = {
  classification: { csv: 'csv', tsv: 'tsv', jsonl: 'jsonl' },
  ner: { conll: 'conll', jsonl: 'jsonl' },
  qa: { squad: 'json', json: 'json', jsonl: 'jsonl' },
  mlm: { text: 'text', csv: 'csv', tsv: 'tsv', jsonl: 'jsonl' },
};

export function readOptionsFor<T extends Task>(task: T, data: DataReading): ReadOptionsOf[T] {
  const options: { format?: string; columns?: RunData['columns']; labelNames?: Record<string, string>; textColumn?: string } = {};
  const format = data.format === undefined ? undefined : FORMATS[task][data.format];
  if (format !== undefined) options.format = format;
  // A corpus reads one column, the text (its reader's textColumn).
  if (task === 'mlm') {
    if (data.columns?.text !== undefined) options.textColumn = data.columns.text;
  } else if (data.columns !== undefined && task !== 'qa') options.columns = data.columns;
  if (data.label_names !== undefined && task === 'classification') options.labelNames = data.label_names;
  return options as ReadOptionsOf[T];
}
