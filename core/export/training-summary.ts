// What a run's metrics (Trainer log_history rows) say in a few numbers: the training loss
// along the way, the final and the best evaluation.

/** A metrics.jsonl / log_history row. */
export interface LogRow {
  step: number;
  epoch?: number;
  [key: string]: number | undefined;
}

export interface CurvePoint {
  /** 'start', '25%', '50%', 'end'. */
  at: string;
  step: number;
  epoch?: number;
  loss: number;
}

/** Evaluation bookkeeping Trainer logs beside the metrics, not metrics themselves. */
const EVAL_BOOKKEEPING = new Set(['eval_runtime', 'eval_samples_per_second', 'eval_steps_per_second']);

function byStep(rows: readonly LogRow[]): LogRow[] {
  return [...rows].sort((a, b) => a.step - b.step);
}

/** The training loss at the start, a quarter, half way and the end (the logged row nearest each). */
export function lossCurve(rows: readonly LogRow[]): CurvePoint[] {
  const logged = byStep(rows.filter((row) => typeof row.loss === 'number'));
  if (logged.length === 0) return [];
  const first = logged[0]!.step;
  const last = logged[logged.length - 1]!.step;
  const points: CurvePoint[] = [];
  for (const [at, fraction] of [['start', 0], ['25%', 0.25], ['50%', 0.5], ['end', 1]] as const) {
    const target = first + fraction * (last - first);
    const row = logged.reduce((best, r) => (Math.abs(r.step - target) < Math.abs(best.step - target) ? r : best));
    if (points.some((p) => p.step === row.step)) continue;
    points.push({ at, step: row.step, ...(row.epoch !== undefined ? { epoch: row.epoch } : {}), loss: row.loss! });
  }
  return points;
}

/** The eval_* metric names the rows hold (not runtime bookkeeping), in first-seen order. */
export function evalMetricNames(rows: readonly LogRow[]): string[] {
  const names = new Set<string>();
  for (const row of rows) for (const key of Object.keys(row)) if (key.startsWith('eval_') && !EVAL_BOOKKEEPING.has(key) && typeof row[key] === 'number') names.add(key);
  return [...names];
}

/** The last evaluation's metrics. */
export function lastEvaluation(rows: readonly LogRow[]): { step: number; metrics: Record<string, number> } | undefined {
  const evaluated = byStep(rows).filter((row) => evalMetricNames([row]).length > 0);
  const row = evaluated[evaluated.length - 1];
  if (!row) return undefined;
  return { step: row.step, metrics: Object.fromEntries(evalMetricNames([row]).map((name) => [name, row[name]!])) };
}

/** The best value of `metric` over the evaluations; greater is better unless the metric is a loss (Trainer's rule). */
export function bestEvaluation(rows: readonly LogRow[], metric: string, greaterIsBetter = !metric.endsWith('loss')): { name: string; value: number; step: number } | undefined {
  let best: { name: string; value: number; step: number } | undefined;
  for (const row of byStep(rows)) {
    const value = row[metric];
    if (typeof value !== 'number' || Number.isNaN(value)) continue;
    if (!best || (greaterIsBetter ? value > best.value : value < best.value)) best = { name: metric, value, step: row.step };
  }
  return best;
}
