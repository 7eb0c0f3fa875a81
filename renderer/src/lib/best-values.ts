// The compare table: per metric column, which run is best (lower is better for losses and
// times, higher for everything else) and each run's difference from a baseline run.

export type Direction = 'min' | 'max';

export function metricDirection(key: string): Direction {
  return /loss|perplexity|_seconds$|^train_seconds$|runtime/.test(key) ? 'min' : 'max';
}

/** Index of the best finite value, or -1 when no run has one. Ties go to the first. */
export function bestIndex(values: readonly (number | undefined)[], direction: Direction): number {
  let best = -1;
  values.forEach((value, i) => {
    if (value === undefined || !Number.isFinite(value)) return;
    if (best < 0 || (direction === 'min' ? value < values[best]! : value > values[best]!)) best = i;
  });
  return best;
}

/**
 * The value to mark as best in a column: every run that has it is marked, so ties are
 * shown as ties; undefined when fewer than two runs have the metric or all are equal
 * (nothing stands out).
 */
export function bestValue(values: readonly (number | undefined)[], direction: Direction): number | undefined {
  const finite = values.filter((v): v is number => v !== undefined && Number.isFinite(v));
  if (finite.length < 2 || finite.every((v) => v === finite[0])) return undefined;
  return finite[bestIndex(finite, direction)];
}

export interface MetricCell {
  value: number | undefined;
  best: boolean;
  /** value − baseline's value; undefined for the baseline itself or when either is missing. */
  delta: number | undefined;
  /** Whether the delta is an improvement over the baseline. */
  better: boolean | undefined;
}

export interface MetricTable {
  columns: string[];
  /** rows[run][column] */
  rows: MetricCell[][];
}

/** `metrics[i]` are run i's values; `baseline` the index of the baseline run (or -1 for none). */
export function metricTable(metrics: readonly Record<string, number | undefined>[], baseline: number, columns?: string[]): MetricTable {
  const cols = columns ?? [...new Set(metrics.flatMap((m) => Object.keys(m)))].sort(compareMetricKeys);
  const best = cols.map((c) => bestValue(metrics.map((m) => m[c]), metricDirection(c)));
  const rows = metrics.map((m, r) =>
    cols.map((c, ci): MetricCell => {
      const value = m[c];
      const base = baseline >= 0 ? metrics[baseline]?.[c] : undefined;
      const delta = r !== baseline && value !== undefined && base !== undefined ? value - base : undefined;
      const better = delta === undefined || delta === 0 ? undefined : metricDirection(c) === 'min' ? delta < 0 : delta > 0;
      return { value, best: best[ci] !== undefined && value === best[ci], delta, better };
    }),
  );
  return { columns: cols, rows };
}

// Losses first, then the task metrics alphabetically.
function compareMetricKeys(a: string, b: string): number {
  const loss = (k: string) => (k.endsWith('loss') ? 0 : 1);
  return loss(a) - loss(b) || a.localeCompare(b);
}
