// Reading a run config file (Node only): relative paths in it resolve against the
// folder the file is in, so a config and its data can move together.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseRunConfig, RunConfigError, type RunConfig } from './run-config';

export async function readRunConfigFile(file: string): Promise<RunConfig> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new RunConfigError([{ field: '', message: `cannot read ${file}: ${reason}` }]);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new RunConfigError([{ field: '', message: `${file} is not valid JSON: ${(error as Error).message}` }]);
  }
  return parseRunConfig(json, { resolvePath: resolveAgainst(path.dirname(path.resolve(file))) });
}

/** Resolves paths against `dir` (absolute paths stay as they are). */
export function resolveAgainst(dir: string): (p: string) => string {
  return (p) => path.resolve(dir, p);
}
