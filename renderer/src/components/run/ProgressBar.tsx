import type { MetricsRow, RunRecord } from '../../../../electron/contract';
import { duration, exactCount, percent } from '../../format';
import { phaseText, runProgress } from '../../lib/progress';

export function ProgressBar({ run, rows }: { run: RunRecord; rows: MetricsRow[] }) {
  const p = runProgress(run, rows);
  // A queued run has no progress to show yet, even when an earlier session left some: say where it stands.
  if (!p || run.status === 'queued') {
    return (
      <p className="hint" data-testid="run-phase">
        {phaseText(run)}
      </p>
    );
  }
  return (
    <div className="progress" data-testid="progress">
      <div className="progress-track" role="progressbar" aria-valuemin={0} aria-valuemax={p.totalSteps} aria-valuenow={p.step} aria-label="Training progress">
        <div className={`progress-fill progress-${run.status}`} style={{ width: percent(p.fraction, 1) }} />
      </div>
      <span className="progress-text" data-testid="progress-text">
        step {exactCount(p.step)} of {exactCount(p.totalSteps)} · {percent(p.fraction)} · epoch {p.epoch.toFixed(2)}
        {p.etaSeconds !== undefined && <span data-testid="eta"> · about {duration(p.etaSeconds)} left</span>}
      </span>
    </div>
  );
}
