// Memory and time before the start, from the service: does the run fit on this machine?
import { bytes, compactCount, duration, exactCount } from '../../format';
import { useWorkbench } from '../../store';
import { ErrorNote } from '../Feedback';

export function EstimatePanel() {
  const estimate = useWorkbench((s) => s.estimate);
  const estimateError = useWorkbench((s) => s.estimateError);
  if (estimateError) return <ErrorNote message={estimateError} testId="estimate-error" />;
  if (!estimate) return <p className="empty">The estimate appears once data and model are chosen.</p>;
  const m = estimate.memory;
  const parts = [
    ['weights', m.weights],
    ['gradients', m.gradients],
    ['optimizer', m.optimizer],
    ['activations', m.activations],
    ['runtime', m.runtime ?? 0],
  ] as const;
  // When the run does not fit, the first warning is the service's sentence: the limit, and what to change.
  const [refusal, ...warnings] = estimate.fits ? [undefined, ...estimate.warnings] : estimate.warnings;
  return (
    <div className={estimate.fits ? 'estimate' : 'estimate estimate-bad'} data-testid="estimate">
      {!estimate.fits && (
        <div className="alert" role="alert" data-testid="estimate-does-not-fit">
          This run cannot start: {refusal ?? `it needs about ${bytes(m.total)} but only ${bytes(estimate.available_bytes)} is free`}.
        </div>
      )}
      <dl className="facts">
        <dt>Parameters</dt>
        <dd>
          <span title={exactCount(estimate.parameters.total)}>{compactCount(estimate.parameters.total)}</span>, of which{' '}
          <strong data-testid="trainable-params" title={exactCount(estimate.parameters.trainable)}>
            {compactCount(estimate.parameters.trainable)}
          </strong>{' '}
          train
        </dd>
        <dt>Memory</dt>
        <dd>
          <strong>{bytes(m.total)}</strong> of {bytes(estimate.available_bytes)} free
          <div className="membar" aria-hidden>
            {parts.map(([name, value]) => (
              <span key={name} className={`mem-${name}`} style={{ width: `${(100 * value) / Math.max(m.total, estimate.available_bytes)}%` }} title={`${name} ${bytes(value)}`} />
            ))}
          </div>
          <span className="hint">{parts.map(([name, value]) => `${name} ${bytes(value)}`).join(' · ')}</span>
        </dd>
        <dt>Steps</dt>
        <dd>{exactCount(estimate.total_steps)} optimizer updates</dd>
        <dt>Time</dt>
        <dd data-testid="estimate-time">
          {estimate.total_seconds !== undefined ? (
            <>
              about {duration(estimate.total_seconds)}{' '}
              <span className="hint">
                ({estimate.seconds_per_step?.toFixed(2)} s per step
                {estimate.time_source === 'throughput probe' ? `, estimated from this machine's measured speed on ${estimate.backend ?? 'its backend'}` : ', measured by an earlier run of this shape'})
              </span>
            </>
          ) : (
            <span className="hint">measuring this machine's speed…</span>
          )}
        </dd>
      </dl>
      {warnings.length > 0 && (
        <ul className="warnings">
          {warnings.map((w) => (
            <li key={w}>{w}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
