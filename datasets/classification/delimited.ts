// Classification examples from CSV or TSV: a header row names the columns; every row
// must have as many fields as the header.
import type { ProblemLog } from '../problems';
import type { ClassificationExample } from '../types';
import { delimitedRows, type DelimitedRow } from '../formats/delimited';
import { resolveColumns, type ColumnMapping } from './columns';
import { recordToExample } from './example';
import type { ClassificationFile, ClassificationReadOptions } from './read';

export async function readDelimitedClassification(
  chunks: AsyncIterable<string>,
  file: string,
  format: 'csv' | 'tsv',
  options: ClassificationReadOptions,
  log: ProblemLog,
): Promise<ClassificationFile> {
  // GLUE-style TSV is written without quoting; CSV (Excel, pandas) quotes fields with commas and newlines.
  const quoting = options.quoting ?? format === 'csv';
  const examples: ClassificationExample[] = [];
  let header: string[] | undefined;
  let indexOf = new Map<string, number>();
  let columns: ColumnMapping | undefined;
  for await (const row of delimitedRows(chunks, { delimiter: format === 'csv' ? ',' : '\t', quoting })) {
    if (row.quoteError) {
      reportQuoteError(row, file, log);
      if (row.quoteError === 'unclosed-quote') break;
      continue;
    }
    if (isBlank(row)) continue;
    if (!header) {
      header = row.fields.map((name) => name.trim());
      indexOf = new Map(header.map((name, i) => [name, i]));
      const resolved = resolveColumns(header, options.columns, options.requireLabels ?? true);
      if (!resolved.ok) {
        log.error(file, 'missing-column', resolved.message, { line: row.line, field: options.columns?.[resolved.role] });
        return { examples, format };
      }
      columns = resolved.columns;
      continue;
    }
    if (row.fields.length !== header.length) {
      const hint = format === 'tsv' && row.fields.length > header.length ? ' (a tab inside the text?)' : '';
      log.error(file, 'column-count', `${row.fields.length} columns, the header has ${header.length}${hint}`, { line: row.line });
      continue;
    }
    const fields = row.fields;
    const example = recordToExample((column) => fields[indexOf.get(column)!], columns!, {
      file,
      line: row.line,
      log,
      requireLabel: options.requireLabels ?? true,
    });
    if (example) examples.push(example);
  }
  if (header && examples.length === 0 && !log.hasErrorsIn(file)) log.error(file, 'no-examples', 'no examples after the header row', { line: 1 });
  return columns ? { examples, format, columns } : { examples, format };
}

function isBlank(row: DelimitedRow): boolean {
  return row.fields.length === 1 && row.fields[0]!.trim() === '';
}

function reportQuoteError(row: DelimitedRow, file: string, log: ProblemLog): void {
  if (row.quoteError === 'unclosed-quote') {
    log.error(file, 'unclosed-quote', 'a quoted field in the record starting on this line is never closed (unbalanced ")', { line: row.line });
  } else {
    log.error(file, 'malformed-quote', 'a quote inside a quoted field is not doubled (write "" for a literal quote)', { line: row.line });
  }
}
