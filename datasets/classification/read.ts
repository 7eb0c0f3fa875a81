// Reading one classification file (CSV, TSV or JSON lines) into examples.
import type { ProblemLog } from '../problems';
import type { ByteSource } from '../source';
import type { ClassificationExample } from '../types';
import { openDataFile } from '../open';
import type { ColumnMapping } from './columns';
import { readDelimitedClassification } from './delimited';
import { readJsonlClassification } from './jsonl';

export type ClassificationFormat = 'csv' | 'tsv' | 'jsonl';

export interface ClassificationReadOptions {
  /** Overrides the guess from the file's content. */
  format?: ClassificationFormat;
  /** Column names to use instead of detecting them. */
  columns?: Partial<ColumnMapping>;
  /** Whether `"` quotes fields; default on for CSV, off for TSV (GLUE convention). */
  quoting?: boolean;
  /** Default true; false reads unlabelled files (for prediction). */
  requireLabels?: boolean;
}

export interface ClassificationFile {
  examples: ClassificationExample[];
  format?: ClassificationFormat;
  columns?: ColumnMapping;
}

const FORMATS: readonly ClassificationFormat[] = ['csv', 'tsv', 'jsonl'];

export async function readClassificationFile(source: ByteSource, options: ClassificationReadOptions, log: ProblemLog): Promise<ClassificationFile> {
  const opened = await openDataFile(source, 'classification', FORMATS, options.format, log);
  if (!opened) return { examples: [] };
  return opened.format === 'jsonl'
    ? readJsonlClassification(opened.chunks, source.name, options, log)
    : readDelimitedClassification(opened.chunks, source.name, opened.format, options, log);
}
