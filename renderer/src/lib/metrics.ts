// A run's metric history in the renderer: the rows of `runs.metrics` on open, then the
// rows of live `run.metrics` events. Both may carry the same row (an event that arrived
// while the history was loading), so appending drops exact repeats.
import type { MetricsRow } from '../../../electron/contract';

function rowKey(row: MetricsRow): string {
  return JSON.stringify(Object.keys(row).sort().map((k) => [k, row[k]]));
}

/** existing + the incoming rows not already present; rows stay in step order. */
export function appendMetrics(existing: readonly MetricsRow[], incoming: readonly MetricsRow[]): MetricsRow[] {
  if (incoming.length === 0) return existing as MetricsRow[];
  const minStep = Math.min(...incoming.map((r) => r.step));
  // Only rows at or after the earliest incoming step can repeat; the history is sorted by step.
  const seen = new Set<string>();
  for (let i = existing.length - 1; i >= 0 && existing[i]!.step >= minStep; i--) seen.add(rowKey(existing[i]!));
  const fresh = incoming.filter((row) => {
    const key = rowKey(row);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  if (fresh.length === 0) return existing as MetricsRow[];
  const merged = [...existing, ...fresh];
  const last = existing[existing.length - 1];
  if (last && fresh.some((r) => r.step < last.step)) return merged.sort((a, b) => a.step - b.step);
  extendedFrom.set(merged, existing);
  return merged;
}

// Live events arrive up to 20 times a second and each makes a new history array; the
// charts' series are kept per history array and, for one that only appended rows to an
// earlier one, built from that one's series plus the new rows, not from the whole history.
interface CachedSeries {
  steps: number[];
  points: Point[];
}
const extendedFrom = new WeakMap<readonly MetricsRow[], readonly MetricsRow[]>();
const seriesCache = new WeakMap<readonly MetricsRow[], Map<string, CachedSeries>>();

/** `base` (a copy) with the rows' points added; a row at the last point's step replaces it. */
function extendSeries(base: CachedSeries, rows: readonly MetricsRow[], metric: string, x: XAxisKey): CachedSeries {
  const steps = base.steps.slice();
  const points = base.points.slice();
  for (const row of rows) {
    const y = row[metric];
    const xv = row[x];
    if (typeof y !== 'number' || !Number.isFinite(y) || typeof xv !== 'number') continue;
    if (steps.at(-1) === row.step) points[points.length - 1] = { x: xv, y };
    else {
      steps.push(row.step);
      points.push({ x: xv, y });
    }
  }
  return { steps, points };
}

export type XAxisKey = 'step' | 'epoch' | 'elapsed_s';

export interface Point {
  x: number;
  y: number;
}

/**
 * The points of one metric against one x axis; rows without either are skipped. A run
 * resumed from a checkpoint logs the steps after it again: the later row of a step wins.
 */
export function seriesOf(rows: readonly MetricsRow[], metric: string, x: XAxisKey = 'step'): Point[] {
  const key = `${metric}\u0000${x}`;
  let cache = seriesCache.get(rows);
  const known = cache?.get(key);
  if (known) return known.points;
  const previous = extendedFrom.get(rows);
  const base = previous && seriesCache.get(previous)?.get(key);
  const series = base && previous ? extendSeries(base, rows.slice(previous.length), metric, x) : buildSeries(rows, metric, x);
  if (!cache) seriesCache.set(rows, (cache = new Map()));
  cache.set(key, series);
  return series.points;
}

function buildSeries(rows: readonly MetricsRow[], metric: string, x: XAxisKey): CachedSeries {
  const byStep = new Map<number, Point>();
  for (const row of rows) {
    const y = row[metric];
    const xv = row[x];
    if (typeof y === 'number' && Number.isFinite(y) && typeof xv === 'number') {
      byStep.set(row.step, { x: xv, y });
    }
  }
  const sorted = [...byStep.entries()].sort((a, b) => a[0] - b[0]);
  return { steps: sorted.map(([step]) => step), points: sorted.map(([, p]) => p) };
}

/** The evaluation metrics present in the history (eval_loss first). */
export function evalMetricKeys(rows: readonly MetricsRow[]): string[] {
  const keys = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) if (key.startsWith('eval_') && typeof row[key] === 'number') keys.add(key);
  return [...keys].sort((a, b) => (a === 'eval_loss' ? -1 : b === 'eval_loss' ? 1 : a.localeCompare(b)));
}

// Trainer logs these under eval_ too, but they are timings, not quality; SQuAD v2's
// best_*_thresh are the thresholds that gave the best scores, not scores.
const NOT_QUALITY = /^eval_(runtime|samples_per_second|steps_per_second)$|_thresh$/;

/** The final evaluation of a run: what the service recorded, else the last eval value of each metric in the history. */
export function finalEvalMetrics(finalMetrics: Record<string, number> | undefined, rows: readonly MetricsRow[]): Record<string, number> {
  const source: Record<string, number> = {};
  if (finalMetrics && Object.keys(finalMetrics).length > 0) Object.assign(source, finalMetrics);
  else for (const row of rows) for (const key of evalMetricKeys([row])) source[key] = row[key]!;
  return Object.fromEntries(Object.entries(source).filter(([k]) => k.startsWith('eval_') && !NOT_QUALITY.test(k)));
}

/** The last value of a metric in the history. */
export function lastValue(rows: readonly MetricsRow[], metric: string): number | undefined {
  for (let i = rows.length - 1; i >= 0; i--) {
    const v = rows[i]![metric];
    if (typeof v === 'number') return v;
  }
  return undefined;
}

/** Several series on one x axis as chart rows: [{x, s0, s1, …}], sorted by x; a series without a point at x has no key there. */
export function mergeSeries(series: readonly (readonly Point[])[]): Record<string, number>[] {
  const byX = new Map<number, Record<string, number>>();
  series.forEach((points, i) => {
    for (const p of points) {
      let row = byX.get(p.x);
      if (!row) byX.set(p.x, (row = { x: p.x }));
      row[`s${i}`] = p.y;
    }
  });
  return [...byX.values()].sort((a, b) => a.x! - b.x!);
}
