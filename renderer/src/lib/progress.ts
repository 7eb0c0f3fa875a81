// Progress and time left for a running run, from its record and its metric history.
import type { MetricsRow, RunRecord } from '../../../electron/contract';

export interface RunProgress {
  step: number;
  totalSteps: number;
  /** 0..1 */
  fraction: number;
  /** Seconds left at the pace so far, or by the run's estimate until a step has been timed. */
  etaSeconds: number | undefined;
}

export function runProgress(run: Pick<RunRecord, 'progress' | 'status' | 'estimate'>, rows: readonly MetricsRow[]): RunProgress | undefined {
  const lastRow = [...rows].reverse().find((r) => typeof r.elapsed_s === 'number');
  const step = Math.max(run.progress?.step ?? 0, rows.length ? rows[rows.length - 1]!.step : 0);
  const totalSteps = run.progress?.total_steps ?? 0;
  if (totalSteps <= 0) return undefined;
  const fraction = run.status === 'completed' ? 1 : Math.min(1, step / totalSteps);
  let etaSeconds: number | undefined;
  if (run.status === 'running' && lastRow && lastRow.step > 0 && lastRow.elapsed_s! > 0) {
    etaSeconds = Math.max(0, ((totalSteps - lastRow.step) * lastRow.elapsed_s!) / lastRow.step);
  } else if (run.status === 'running' && run.estimate) {
    // Before the first timed step: the estimate the worker made from this machine's measured speed.
    etaSeconds = run.estimate.seconds_per_step * Math.max(0, totalSteps - step);
  }
  return { step, totalSteps, fraction, etaSeconds };
}
