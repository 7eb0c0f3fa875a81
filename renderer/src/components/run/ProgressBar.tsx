import type { MetricsRow, RunRecord } from '../../../../electron/contract';
import { duration, exactCount, percent } from '../../format';
import { runProgress } from '../../lib/progress';

export function ProgressBar({ run, rows }: { run: RunRecord; rows: MetricsRow[] }) {
  const p = runProgress(run, rows);
  if (!p) return <p className="hint">{run.status === 'running' || run.status === 'queued' ? 'Preparing the data and the model…' : 'No progress recorded.'}</p>;
  return (
    <div className="progress" data-testid="progress">
      <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={p.totalSteps} aria-valuenow={p.step} aria-label="Training progress">
        <div className={`progress-fill progress-${run.status}`} style={{ width: percent(p.fraction, 1) }} />
      </div>
      <span className="progress-text">
        step {exactCount(p.step)} of {exactCount(p.totalSteps)} · {percent(p.fraction)}
        {run.progress ? ` · epoch ${run.progress.epoch.toFixed(2)}` : ''}
        {p.etaSeconds !== undefined && <span data-testid="eta"> · about {duration(p.etaSeconds)} left</span>}
      </span>
    </div>
  );
}
