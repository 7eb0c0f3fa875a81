// Classification examples from CSV or TSV: a header row names the columns; every row
// must have as many fields as the header.
import type { ProblemLog } from '../problems';
import type { ClassificationExample } from '../types';
import { delimitedRows, reportRowError, type DelimitedRow } from '../formats/delimited';
import { chosenColumns, givenColumns, normalizeColumnName, resolveColumns, type ColumnMapping } from './columns';
import { recordToExample } from './example';
import type { ClassificationFile, ClassificationReadOptions } from './read';
import { columnReport, type ColumnReport } from '../column-report';

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
  let report: ColumnReport | undefined;
  for await (const row of delimitedRows(chunks, { delimiter: format === 'csv' ? ',' : '\t', quoting })) {
    if (row.error) {
      reportRowError(row, file, log);
      if (row.error !== 'malformed-quote') break;
      continue;
    }
    if (isBlank(row)) continue;
    if (!header) {
      header = row.fields.map((name) => name.trim());
      if (reportDuplicateColumns(header, file, row.line, log)) return { examples, format, columnReport: columnReport(header, {}, options.columns) };
      indexOf = new Map(header.map((name, i) => [name, i]));
      const given = givenColumns(options.columns);
      const resolved = resolveColumns(header, given, options.requireLabels ?? true);
      if (!resolved.ok) {
        log.error(file, 'missing-column', resolved.message, { line: row.line, field: stringOrUndefined(given[resolved.role]) });
        return { examples, format, columnReport: columnReport(header, {}, options.columns) };
      }
      columns = resolved.columns;
      report = columnReport(header, chosenColumns(columns), options.columns);
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
  return columns && report ? { examples, format, columns, columnReport: report } : { examples, format };
}

function stringOrUndefined(value: string | null | undefined): string | undefined {
  return typeof value === 'string' ? value : undefined;
}

/**
 * Two columns with one name make every mapping ambiguous (which "label" is the label?), and
 * names match case-insensitively, so "text" and "Text" collide too. Returns whether any did.
 */
function reportDuplicateColumns(header: readonly string[], file: string, line: number, log: ProblemLog): boolean {
  const firstIndex = new Map<string, number>();
  let found = false;
  header.forEach((name, i) => {
    if (name === '') return; // unnamed columns (a trailing comma) are never mapped
    const key = normalizeColumnName(name);
    const first = firstIndex.get(key);
    if (first === undefined) {
      firstIndex.set(key, i);
      return;
    }
    found = true;
    const firstName = header[first] ?? name;
    const spelled = firstName === name ? '' : `: "${firstName}" and "${name}"`;
    log.error(file, 'duplicate-column', `two columns are named "${firstName}" (columns ${first + 1} and ${i + 1}${spelled}); rename one so that each name says which column it is`, { line, field: name });
  });
  return found;
}

function isBlank(row: DelimitedRow): boolean {
  return row.fields.length === 1 && row.fields[0]!.trim() === '';
}

