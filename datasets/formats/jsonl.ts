// JSON lines: one object per line, blank lines ignored. A malformed line is reported with
// its number and skipped, so one bad line does not hide the rest of the file's problems.
import type { ProblemLog } from '../problems';
import { numberedLines } from '../text/lines';
import { parseJsonReporting } from './json-position';

export type JsonObject = Record<string, unknown>;

export interface JsonRecord {
  value: JsonObject;
  line: number;
  /** The line as written, for what JSON.parse cannot keep (the digits of a large number). */
  text: string;
}

export async function* jsonLines(chunks: AsyncIterable<string>, file: string, log: ProblemLog): AsyncGenerator<JsonRecord> {
  for await (const { text, line } of numberedLines(chunks, { file, log })) {
    if (text.trim() === '') continue;
    const parsed = parseJsonReporting(text, file, log, line);
    if (!parsed.ok) continue;
    const value = parsed.value;
    if (!isJsonObject(value)) {
      log.error(file, 'not-an-object', `expected a JSON object per line, found ${describeJson(value)}`, { line });
      continue;
    }
    yield { value, line, text };
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

/**
 * The digits of top-level field `key`'s number as `line` writes them: JSON.parse turns
 * 9007199254740993 into …992 and 400 digits into Infinity. Undefined unless the line
 * spells the field exactly once.
 */
export function numberLiteral(line: string, key: string): string | undefined {
  const name = JSON.stringify(key).replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const matches = [...line.matchAll(new RegExp(`${name}\\s*:\\s*(-?\\d+(?:\\.\\d+)?(?:[eE][+-]?\\d+)?)`, 'g'))];
  return matches.length === 1 ? matches[0]![1] : undefined;
}
