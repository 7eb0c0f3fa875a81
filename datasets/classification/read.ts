// Reading one classification file (CSV, TSV or JSON lines) into examples.
import type { ProblemLog } from '../problems';
import type { ByteSource } from '../source';
import type { ClassificationExample } from '../types';
import { openDataFile } from '../open';
import type { ColumnReport, DataColumns } from '../column-report';
import type { ColumnMapping } from './columns';
import { readDelimitedClassification } from './delimited';
import { readJsonlClassification } from './jsonl';
import { renameLabels } from './label-names';

export type ClassificationFormat = 'csv' | 'tsv' | 'jsonl';

export interface ClassificationReadOptions {
  /** Overrides the guess from the file's content. */
  format?: ClassificationFormat;
  /** Columns to use instead of guessing them (data.columns: text, text_pair, label). */
  columns?: DataColumns;
  /** Labels as the file writes them → the names examples carry (data.label_names). */
  labelNames?: Readonly<Record<string, string>>;
  /** Whether `"` quotes fields; default on for CSV, off for TSV (GLUE convention). */
  quoting?: boolean;
  /** Default true; false reads unlabelled files (for prediction). */
  requireLabels?: boolean;
}

export interface ClassificationFile {
  examples: ClassificationExample[];
  format?: ClassificationFormat;
  columns?: ColumnMapping;
  /** The file's columns and the roles they play; absent when nothing could be read. */
  columnReport?: ColumnReport;
}

const FORMATS: readonly ClassificationFormat[] = ['csv', 'tsv', 'jsonl'];

export async function readClassificationFile(source: ByteSource, options: ClassificationReadOptions, log: ProblemLog): Promise<ClassificationFile> {
  const opened = await openDataFile(source, 'classification', FORMATS, options.format, log);
  if (!opened) return { examples: [] };
  const file =
    opened.format === 'jsonl'
      ? await readJsonlClassification(opened.chunks, source.name, options, log)
      : await readDelimitedClassification(opened.chunks, source.name, opened.format, options, log);
  if (options.labelNames) file.examples = renameLabels(file.examples, options.labelNames, source.name, log);
  return file;
}

