// JSON lines: one object per line, blank lines ignored. A malformed line is reported with
// its number and skipped, so one bad line does not hide the rest of the file's problems.
import type { ProblemLog } from '../problems';
import { numberedLines } from '../text/lines';
import { parseJsonReporting } from './json-position';

export type JsonObject = Record<string, unknown>;

export interface JsonRecord {
  value: JsonObject;
  line: number;
}

export async function* jsonLines(chunks: AsyncIterable<string>, file: string, log: ProblemLog): AsyncGenerator<JsonRecord> {
  for await (const { text, line } of numberedLines(chunks)) {
    if (text.trim() === '') continue;
    const parsed = parseJsonReporting(text, file, log, line);
    if (!parsed.ok) continue;
    const value = parsed.value;
    if (!isJsonObject(value)) {
      log.error(file, 'not-an-object', `expected a JSON object per line, found ${describeJson(value)}`, { line });
      continue;
    }
    yield { value, line };
  }
}

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** "an array", "a string", … for messages about the wrong kind of value. */
export function describeJson(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  return `a ${typeof value}`;
}
