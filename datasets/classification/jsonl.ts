// Classification examples from JSON lines (`{"text": …, "label": …}` per line), the layout
// Hugging Face datasets' `to_json` writes. Columns are detected from the first record.
import type { ProblemLog } from '../problems';
import type { ClassificationExample } from '../types';
import { jsonLines, numberLiteral } from '../formats/jsonl';
import { chosenColumns, givenColumns, resolveColumns, type ColumnMapping } from './columns';
import { recordToExample } from './example';
import type { ClassificationFile, ClassificationReadOptions } from './read';
import { columnReport, type ColumnReport } from '../column-report';

export async function readJsonlClassification(
  chunks: AsyncIterable<string>,
  file: string,
  options: ClassificationReadOptions,
  log: ProblemLog,
): Promise<ClassificationFile> {
  const examples: ClassificationExample[] = [];
  let columns: ColumnMapping | undefined;
  let report: ColumnReport | undefined;
  let sawRecord = false; // The columns come from the first record.
  for await (const { value, line, text } of jsonLines(chunks, file, log)) {
    if (!sawRecord) {
      sawRecord = true;
      const given = givenColumns(options.columns);
      const fields = Object.keys(value);
      const resolved = resolveColumns(fields, given, options.requireLabels ?? true);
      if (!resolved.ok) {
        const field = given[resolved.role];
        log.error(file, 'missing-column', resolved.message, { line, field: typeof field === 'string' ? field : undefined });
        return { examples, format: 'jsonl', columnReport: columnReport(fields, {}, options.columns) };
      }
      columns = resolved.columns;
      report = columnReport(fields, chosenColumns(columns), options.columns);
    }
    const numberAsWritten = (column: string) => numberLiteral(text, column);
    const example = recordToExample((column) => value[column], columns!, { file, line, log, requireLabel: options.requireLabels ?? true, numberAsWritten });
    if (example) examples.push(example);
  }
  return columns && report ? { examples, format: 'jsonl', columns, columnReport: report } : { examples, format: 'jsonl' };
}
