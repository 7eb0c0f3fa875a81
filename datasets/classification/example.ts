// One record (a CSV row or a JSON object) → one classification example, or the problems
// that keep it from being one. Shared by the CSV/TSV and JSON-lines readers.
import type { ProblemLog } from '../problems';
import type { ClassificationExample } from '../types';
import { describeJson } from '../formats/jsonl';
import type { ColumnMapping } from './columns';

export interface RecordContext {
  file: string;
  line: number;
  log: ProblemLog;
  requireLabel: boolean;
  /** JSON lines: a number field as the line spells it (JSON.parse may have rounded it). */
  numberAsWritten?: (column: string) => string | undefined;
}

/** `get` reads a column of the record: a string for CSV/TSV, any JSON value for JSON lines. */
export function recordToExample(get: (column: string) => unknown, columns: ColumnMapping, context: RecordContext): ClassificationExample | undefined {
  const text = readText(get, columns.text, context);
  const textPair = columns.textPair !== undefined ? readText(get, columns.textPair, context) : undefined;
  const label = columns.label !== undefined ? readLabel(get, columns.label, context) : undefined;
  if (text === undefined || (columns.textPair !== undefined && textPair === undefined)) return undefined;
  if (label === undefined && context.requireLabel) return undefined;
  const example: ClassificationExample = { text, label: label ?? '', line: context.line };
  if (textPair !== undefined) example.textPair = textPair;
  return example;
}

function readText(get: (column: string) => unknown, column: string, { file, line, log }: RecordContext): string | undefined {
  const value = get(column);
  if (value === undefined || value === null) {
    log.error(file, 'missing-field', `no "${column}" field`, { line, field: column });
    return undefined;
  }
  if (typeof value !== 'string') {
    log.error(file, 'wrong-type', `"${column}" should be text, found ${describeJson(value)}`, { line, field: column });
    return undefined;
  }
  if (value.trim() === '') {
    log.error(file, 'empty-text', `empty text in "${column}"`, { line, field: column });
    return undefined;
  }
  return value;
}

function readLabel(get: (column: string) => unknown, column: string, context: RecordContext): string | undefined {
  const { file, line, log, requireLabel } = context;
  const value = get(column);
  if (Array.isArray(value)) {
    log.error(file, 'multi-label', `"${column}" is a list; multi-label classification is not supported (one label per example)`, { line, field: column });
    return undefined;
  }
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'number') return numberLabel(value, column, context);
  if (typeof value === 'string' && value.trim() !== '') return value.trim();
  if (value !== undefined && value !== null && typeof value !== 'string') {
    log.error(file, 'wrong-type', `"${column}" should be a label name or number, found ${describeJson(value)}`, { line, field: column });
  } else if (requireLabel) {
    log.error(file, 'missing-label', `no label in "${column}"`, { line, field: column });
  }
  return undefined;
}

/**
 * Labels are names, so a number label becomes text: a small integer as itself, any other
 * number as the file spells it (9007199254740993 stays that, not the double nearest to it).
 */
function numberLabel(value: number, column: string, { file, line, log, numberAsWritten }: RecordContext): string | undefined {
  if (Number.isSafeInteger(value)) return String(value);
  const written = numberAsWritten?.(column);
  if (written !== undefined) return written;
  log.error(file, 'inexact-number', `"${column}" is the number ${String(value)}, which cannot be read exactly; write the label in quotes`, { line, field: column });
  return undefined;
}
