// The warning a small validation set deserves: the headline score with its 95% Wilson
// interval, so that "accuracy 0.5 on 6 examples" reads as "anywhere from 0.19 to 0.81".
import { headlineInterval, isUncertain, type EvaluationReport } from '../../../../electron/contract';
import { exactCount, metric } from '../../format';

export function UncertaintyNote({ report }: { report: EvaluationReport }) {
  const { metric: name, of, interval } = headlineInterval(report);
  const range = `${metric(interval.low)} to ${metric(interval.high)}`;
  if (!isUncertain(interval)) {
    return (
      <p className="hint" data-testid="interval-note">
        {name} {metric(interval.value)} on {exactCount(interval.n)} {of}: 95% interval {range}.
      </p>
    );
  }
  return (
    <div className="note-warn" role="note" data-testid="small-validation-warning">
      <strong>Only {exactCount(interval.n)} {of} to score on.</strong> The {name} of {metric(interval.value)} could be anywhere from {range} (95% Wilson interval): differences between runs smaller than that
      may be noise. A larger validation set narrows it.
    </div>
  );
}
