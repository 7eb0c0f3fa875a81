// Turning a JSON.parse failure into something a person can act on: what was wrong, on
// which line and column.
import type { ProblemLog, ProblemWhere } from '../problems';
import { findJsonSyntaxError } from './json-syntax';

export interface JsonFailure {
  message: string;
  /** 1-based, within the text given. */
  line?: number;
  column?: number;
}

export function describeJsonFailure(error: unknown, text: string): JsonFailure {
  const found = findJsonSyntaxError(text);
  if (!found) return { message: error instanceof Error ? error.message : String(error) };
  return { message: found.message, line: found.line, column: found.column };
}

export type ParsedJson = { ok: true; value: unknown } | { ok: false };

/** JSON.parse, reporting a failure as a `malformed-json` problem; `firstLine` is the file line the text starts on. */
export function parseJsonReporting(text: string, file: string, log: ProblemLog, firstLine = 1): ParsedJson {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const failure = describeJsonFailure(error, text);
    reportMalformedJson(failure, file, log, { line: firstLine + (failure.line ?? 1) - 1 });
    return { ok: false };
  }
}

/** "malformed JSON at column 19: expected a value, found ","", at the line in `where`. */
export function reportMalformedJson(failure: JsonFailure, file: string, log: ProblemLog, where: ProblemWhere): void {
  const at = failure.column !== undefined ? ` at column ${failure.column}` : '';
  log.error(file, 'malformed-json', `malformed JSON${at}: ${failure.message}`, where);
}
