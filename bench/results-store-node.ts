// bench/results.json keeps every suite run (newest last), so figures before and after a
// change stay side by side; bench/RESULTS.md is the latest run as a table, with the
// previous run's figures next to it. Writes are atomic.
import { existsSync, readFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { writeFileAtomic } from '../core/io/atomic-write-node';
import { resultsMarkdown, type BenchRow, type BenchRun } from './results-table';

export interface ResultsFile {
  runs: BenchRun[];
}

export function readResults(file: string): ResultsFile {
  if (!existsSync(file)) return { runs: [] };
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<ResultsFile>;
  return { runs: Array.isArray(parsed.runs) ? parsed.runs : [] };
}

/** The machine, with the OpenBLAS build and kernel set native-cpu runs on where it is built. */
export async function machineDescription(): Promise<BenchRun['machine']> {
  const cpuList = cpus();
  let blas: string | undefined;
  try {
    const { nativeCpuAddonPath } = await import('../core/native-cpu/addon-path-node');
    const { registerNativeCpuBackendNode } = await import('../core/native-cpu/native-cpu-node');
    if (nativeCpuAddonPath()) blas = registerNativeCpuBackendNode().info().blas;
  } catch {
    blas = undefined; // no native backend here
  }
  return {
    cpus: cpuList.length,
    cpu_model: cpuList[0]?.model ?? 'unknown',
    memory_gb: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    ...(blas ? { blas } : {}),
  };
}

/** Appends `run` to the JSON history and rewrites the markdown table from the last two runs. */
export async function saveRun(run: BenchRun, files: { json: string; markdown: string }): Promise<void> {
  const history = readResults(files.json);
  const previous = history.runs.at(-1);
  history.runs.push(run);
  await writeFileAtomic(files.json, JSON.stringify(history, null, 2) + '\n');
  await writeFileAtomic(files.markdown, resultsMarkdown(run, previous, history.runs.slice(0, -1)));
}

/**
 * Puts rows measured on their own (e.g. `bench --distillation`) into the latest run,
 * replacing that run's rows of the same kind, so that the tables of the other
 * measurements stay as they are; the markdown is rewritten, its other sections falling
 * back to the earlier runs that measured them as after a whole run.
 */
export async function addToLatestRun(rows: BenchRow[], files: { json: string; markdown: string }, machine: BenchRun['machine']): Promise<void> {
  const history = readResults(files.json);
  const kinds = new Set(rows.map((row) => row.name));
  const latest = history.runs.at(-1) ?? { date: new Date().toISOString(), machine, results: [] };
  if (history.runs.length === 0) history.runs.push(latest);
  latest.results = [...latest.results.filter((row) => !kinds.has(row.name)), ...rows];
  await writeFileAtomic(files.json, JSON.stringify(history, null, 2) + '\n');
  await writeFileAtomic(files.markdown, resultsMarkdown(latest, history.runs.at(-2), history.runs.slice(0, -1)));
}
