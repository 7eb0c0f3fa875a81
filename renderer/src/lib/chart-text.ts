// Charts in words, for screen readers and for anyone who wants the numbers: each chart's
// aria-label says what it shows and its latest (or defining) values.
import { metric } from '../format';
import type { Point } from './metrics';

export interface NamedPoints {
  name: string;
  points: readonly Point[];
}

/** One clause per series: "loss 0.512 at step 120 (first 0.693, lowest 0.498)". */
export function seriesSummary(series: readonly NamedPoints[], xLabel: string): string {
  const clauses = series.flatMap(({ name, points }) => {
    const first = points[0];
    const last = points.at(-1);
    if (!first || !last) return [];
    if (points.length === 1) return [`${name} ${metric(last.y)} at ${xLabel} ${metric(last.x)}`];
    const lowest = Math.min(...points.map((p) => p.y));
    const highest = Math.max(...points.map((p) => p.y));
    return [`${name} ${metric(last.y)} at ${xLabel} ${metric(last.x)} (first ${metric(first.y)}, lowest ${metric(lowest)}, highest ${metric(highest)})`];
  });
  return clauses.length === 0 ? 'no points yet' : clauses.join('; ');
}

/** "negative 912, positive 1088" */
export function countsSummary(counts: Readonly<Record<string, number>>): string {
  const entries = Object.entries(counts);
  return entries.length === 0 ? 'nothing to count' : entries.map(([name, count]) => `${name} ${count}`).join(', ');
}
