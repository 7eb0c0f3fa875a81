// The Runs page as a table people find runs in: a column per evaluation metric any run
// has, sorting by any column (missing values last, whichever the direction), and filters
// by task, model, status, tag and a search over name and notes.
import type { RunRecord, RunStatus } from '../../../electron/contract';
import { runModel, runTask } from './run-info';

export type BuiltInColumn = 'name' | 'task' | 'model' | 'status' | 'progress' | 'time' | 'created';

export interface RunSort {
  /** A built-in column or a metric key such as eval_accuracy. */
  key: string;
  descending: boolean;
}

export interface RunFilter {
  task?: string;
  model?: string;
  status?: RunStatus;
  tag?: string;
  /** Matched against the name and the notes, case-insensitively. */
  text?: string;
}

/** A run's value of a metric column: its final evaluation, else its best value of that metric. */
export function runMetric(run: Pick<RunRecord, 'final_metrics' | 'best_metric'>, key: string): number | undefined {
  const value = run.final_metrics?.[key] ?? (run.best_metric?.name === key ? run.best_metric.value : undefined);
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

// Thresholds are settings found by the evaluation, not scores to sort by.
const NOT_A_COLUMN = /_thresh$|^eval_(runtime|samples_per_second|steps_per_second)$/;

/** The metric columns: every eval_* key some run has, losses first. */
export function metricColumns(runs: readonly Pick<RunRecord, 'final_metrics' | 'best_metric'>[]): string[] {
  const keys = new Set<string>();
  for (const run of runs) {
    for (const key of Object.keys(run.final_metrics ?? {})) if (key.startsWith('eval_') && !NOT_A_COLUMN.test(key)) keys.add(key);
    if (run.best_metric) keys.add(run.best_metric.name);
  }
  return [...keys].sort((a, b) => Number(!a.endsWith('loss')) - Number(!b.endsWith('loss')) || a.localeCompare(b));
}

function progressOf(run: RunRecord): number | undefined {
  if (run.status === 'completed') return 1;
  return run.progress && run.progress.total_steps > 0 ? run.progress.step / run.progress.total_steps : undefined;
}

function sortValue(run: RunRecord, key: string): string | number | undefined {
  switch (key as BuiltInColumn) {
    case 'name':
      return run.name.toLowerCase();
    case 'task':
      return runTask(run);
    case 'model':
      return runModel(run);
    case 'status':
      return run.status;
    case 'progress':
      return progressOf(run);
    case 'time':
      return run.train_seconds;
    case 'created':
      return run.created_at;
    default:
      return runMetric(run, key);
  }
}

export function sortRuns(runs: readonly RunRecord[], sort: RunSort): RunRecord[] {
  const sign = sort.descending ? -1 : 1;
  return [...runs].sort((a, b) => {
    const x = sortValue(a, sort.key);
    const y = sortValue(b, sort.key);
    if (x === undefined || y === undefined) return x === y ? b.created_at.localeCompare(a.created_at) : x === undefined ? 1 : -1;
    const order = typeof x === 'number' && typeof y === 'number' ? x - y : String(x).localeCompare(String(y));
    return sign * order || b.created_at.localeCompare(a.created_at);
  });
}

export function filterRuns(runs: readonly RunRecord[], filter: RunFilter): RunRecord[] {
  const text = filter.text?.trim().toLowerCase();
  return runs.filter(
    (run) =>
      (!filter.task || runTask(run) === filter.task) &&
      (!filter.model || runModel(run) === filter.model) &&
      (!filter.status || run.status === filter.status) &&
      (!filter.tag || (run.tags ?? []).includes(filter.tag)) &&
      (!text || run.name.toLowerCase().includes(text) || (run.notes ?? '').toLowerCase().includes(text)),
  );
}

/** The values each filter can take, from the runs there are. */
export function filterChoices(runs: readonly RunRecord[]): { tasks: string[]; models: string[]; statuses: RunStatus[]; tags: string[] } {
  const distinct = <T,>(values: T[]) => [...new Set(values)].sort() as T[];
  return {
    tasks: distinct(runs.map(runTask)),
    models: distinct(runs.map(runModel)),
    statuses: distinct(runs.map((run) => run.status)),
    tags: distinct(runs.flatMap((run) => run.tags ?? [])),
  };
}

/** "baseline, frozen" → ["baseline", "frozen"]: trimmed, without repeats or empties. */
export function parseTags(text: string): string[] {
  return [...new Set(text.split(',').map((tag) => tag.trim()).filter(Boolean))];
}
