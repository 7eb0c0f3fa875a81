// Reading the JSONL inputs of CLI commands (tokenize, predict, …): every line is checked
// before anything runs, and each problem names the file and line.
import { readFile } from 'node:fs/promises';
import { UserError } from './command';

const MAX_REPORTED_ERRORS = 20;

export function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export async function readInputFile(path: string): Promise<string> {
  try {
    return await readFile(path, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : messageOf(error);
    throw new UserError(`cannot read ${path}: ${reason}`);
  }
}

/** Throws one UserError listing the first problems, each as "FILE line N: ...". */
export function failOnProblems(problems: string[]): void {
  if (problems.length === 0) return;
  const shown = problems.slice(0, MAX_REPORTED_ERRORS);
  const more = problems.length > shown.length ? `\n… and ${problems.length - shown.length} more` : '';
  throw new UserError(`${shown.join('\n')}${more}`);
}

/**
 * Parses each non-blank line as JSON and through `parse` (which throws an Error saying
 * what is wrong with the value); all problems are collected, then reported together.
 */
export function parseJsonLines<T>(content: string, path: string, parse: (value: unknown) => T): { line: number; record: T }[] {
  const records: { line: number; record: T }[] = [];
  const problems: string[] = [];
  content.split('\n').forEach((text, index) => {
    if (text.trim() === '') return;
    try {
      records.push({ line: index + 1, record: parse(JSON.parse(text) as unknown) });
    } catch (error) {
      problems.push(`${path} line ${index + 1}: ${error instanceof SyntaxError ? `malformed JSON (${error.message})` : messageOf(error)}`);
    }
  });
  failOnProblems(problems);
  if (records.length === 0) throw new UserError(`${path} has no input lines`);
  return records;
}
