// Classification examples from JSON lines (`{"text": …, "label": …}` per line), the layout
// Hugging Face datasets' `to_json` writes. Columns are detected from the first record.
import type { ProblemLog } from '../problems';
import type { ClassificationExample } from '../types';
import { jsonLines, numberLiteral } from '../formats/jsonl';
import { resolveColumns, type ColumnMapping } from './columns';
import { recordToExample } from './example';
import type { ClassificationFile, ClassificationReadOptions } from './read';

export async function readJsonlClassification(
  chunks: AsyncIterable<string>,
  file: string,
  options: ClassificationReadOptions,
  log: ProblemLog,
): Promise<ClassificationFile> {
  const examples: ClassificationExample[] = [];
  let columns: ColumnMapping | undefined;
  let sawRecord = false; // The columns come from the first record.
  for await (const { value, line, text } of jsonLines(chunks, file, log)) {
    if (!sawRecord) {
      sawRecord = true;
      const resolved = resolveColumns(Object.keys(value), options.columns, options.requireLabels ?? true);
      if (!resolved.ok) {
        log.error(file, 'missing-column', resolved.message, { line, field: options.columns?.[resolved.role] });
        return { examples, format: 'jsonl' };
      }
      columns = resolved.columns;
    }
    const numberAsWritten = (column: string) => numberLiteral(text, column);
    const example = recordToExample((column) => value[column], columns!, { file, line, log, requireLabel: options.requireLabels ?? true, numberAsWritten });
    if (example) examples.push(example);
  }
  return columns ? { examples, format: 'jsonl', columns } : { examples, format: 'jsonl' };
}
