// Progress, epoch, time left and training time of a run, from its record and its metric
// history, each read from one source so that they agree: the step and the epoch come from
// the same row ("step 50 of 250 · epoch 0.16" cannot happen), and a run that has logged
// steps is never "preparing".
import type { MetricsRow, RunRecord } from '../../../electron/contract';

export interface RunProgress {
  step: number;
  totalSteps: number;
  /** Fractional epochs done, at `step`. */
  epoch: number;
  /** 0..1 */
  fraction: number;
  /** Seconds left at the pace so far, or by the run's estimate until a step has been timed. */
  etaSeconds: number | undefined;
}

/** The newest logged row: the highest step (a resumed run logs its later steps again). */
function newestRow(rows: readonly MetricsRow[]): MetricsRow | undefined {
  let newest: MetricsRow | undefined;
  for (const row of rows) if (!newest || row.step >= newest.step) newest = row;
  return newest;
}

export function runProgress(run: Pick<RunRecord, 'progress' | 'status' | 'estimate'>, rows: readonly MetricsRow[]): RunProgress | undefined {
  const row = newestRow(rows);
  const recorded = run.progress;
  const totalSteps = recorded?.total_steps || row?.total_steps || 0;
  if (totalSteps <= 0) return undefined;
  // Step and epoch from whichever is newer, together.
  const fromRow = row !== undefined && (!recorded || row.step >= recorded.step);
  const step = fromRow ? row!.step : recorded!.step;
  const epoch = fromRow ? row!.epoch : recorded!.epoch;
  const fraction = run.status === 'completed' ? 1 : Math.min(1, step / totalSteps);
  let etaSeconds: number | undefined;
  if (run.status === 'running' && fromRow) {
    // The trainer's own estimate (this session's pace) when the live row has it, else the pace over the history.
    if (typeof row!.eta_s === 'number') etaSeconds = Math.max(0, row!.eta_s);
    else if (row!.step > 0 && (row!.elapsed_s ?? 0) > 0) etaSeconds = Math.max(0, ((totalSteps - row!.step) * row!.elapsed_s!) / row!.step);
  }
  if (etaSeconds === undefined && run.status === 'running' && run.estimate) {
    // Before the first timed step: the estimate the worker made from this machine's measured speed.
    etaSeconds = run.estimate.seconds_per_step * Math.max(0, totalSteps - step);
  }
  return { step, totalSteps, epoch, fraction, etaSeconds };
}

/** Seconds spent training: what run.json says, or while it trains the newest row's clock. */
export function trainingSeconds(run: Pick<RunRecord, 'train_seconds' | 'status'>, rows: readonly MetricsRow[]): number | undefined {
  const live = run.status === 'running' ? newestRow(rows)?.elapsed_s : undefined;
  if (live === undefined) return run.train_seconds;
  return Math.max(live, run.train_seconds ?? 0);
}

/** run.progress moved forward by live rows (which carry total_steps), so that lists show progress without a reload. */
export function progressFromRows(progress: RunRecord['progress'], rows: readonly MetricsRow[]): RunRecord['progress'] {
  const row = newestRow(rows.filter((r) => typeof r.total_steps === 'number'));
  if (!row || (progress && progress.step > row.step)) return progress;
  return { step: row.step, total_steps: row.total_steps!, epoch: row.epoch };
}

/** What the run is doing when there is no progress bar to show. */
export function phaseText(run: Pick<RunRecord, 'status' | 'queue_position'>): string {
  switch (run.status) {
    case 'queued':
      return run.queue_position === undefined ? 'Queued: it starts when the run training now finishes.' : `Queued: position ${run.queue_position} (${run.queue_position === 1 ? 'starts next' : `${run.queue_position - 1} before it`}), after the run training now.`;
    case 'running':
      return 'Preparing the data and the model…';
    case 'created':
      return 'Not started.';
    default:
      return 'No progress recorded.';
  }
}
