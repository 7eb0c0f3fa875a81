// A run's curves: training loss (raw and smoothed), evaluation loss and metrics,
// learning rate and gradient norm.
import type { MetricsRow } from '../../../../electron/contract';
import { emaSmooth } from '../../lib/ema';
import { seriesColor } from '../../lib/highlight';
import { evalMetricKeys, seriesOf } from '../../lib/metrics';
import { useWorkbench } from '../../store';
import { SeriesChart, type Series } from '../charts/SeriesChart';
import { hasPretrainingMetrics, PRETRAINING_EVAL_KEYS, PretrainingCharts } from './PretrainingCharts';
import { SmoothingSlider } from './SmoothingSlider';
import { COLORS } from '../../theme/tokens';

export function smoothed(name: string, color: string, points: { x: number; y: number }[], weight: number): Series[] {
  const ys = emaSmooth(points.map((p) => p.y), weight);
  return [
    { name: `${name} (raw)`, color, points, faint: true },
    { name, color, points: points.map((p, i) => ({ x: p.x, y: ys[i]! })) },
  ];
}

/** The majority-class baseline as a flat dashed line over the evaluated steps of the accuracy chart. */
export function baselineSeries(rows: MetricsRow[], baseline: { label: string; accuracy: number } | undefined): Series[] {
  const steps = seriesOf(rows, 'eval_accuracy').map((p) => p.x);
  if (!baseline || steps.length === 0) return [];
  const first = Math.min(...steps);
  const last = Math.max(...steps);
  const points = (first === last ? [first - 0.5, last + 0.5] : [first, last]).map((x) => ({ x, y: baseline.accuracy }));
  return [{ name: `majority baseline (always “${baseline.label}”)`, color: COLORS.reference, points, dashed: true }];
}

export function RunCharts({ rows, baseline }: { rows: MetricsRow[]; baseline?: { label: string; accuracy: number } }) {
  const smoothing = useWorkbench((s) => s.smoothing);
  const loss = seriesOf(rows, 'loss');
  // Thresholds are not scores; they would squash the scores' axis.
  const evalKeys = evalMetricKeys(rows).filter((k) => !/runtime|per_second|_thresh$/.test(k));
  const pretraining = hasPretrainingMetrics(rows);
  const scores = evalKeys.filter((k) => k !== 'eval_loss' && !(pretraining && PRETRAINING_EVAL_KEYS.includes(k)));
  return (
    <div className="chart-grid">
      <section className="chart-card">
        <div className="chart-head">
          <h3>Training loss</h3>
          <SmoothingSlider />
        </div>
        <SeriesChart series={smoothed('loss', seriesColor(0), loss, smoothing)} testId="loss-chart" />
      </section>
      <section className="chart-card">
        <h3>Evaluation</h3>
        {evalKeys.length === 0 ? (
          <p className="empty chart-empty" data-testid="eval-empty">
            No evaluation yet: it runs every eval_steps updates, or at the end of each epoch.
          </p>
        ) : (
          <>
            <SeriesChart series={[{ name: 'eval_loss', color: seriesColor(1), points: seriesOf(rows, 'eval_loss'), dots: true }]} height={scores.length ? 160 : 220} testId="eval-loss-chart" legend />
            {scores.length > 0 && (
              <SeriesChart
                series={[...scores.map((k, i) => ({ name: k, color: seriesColor(i + 2), points: seriesOf(rows, k), dots: true })), ...baselineSeries(rows, baseline)]}
                height={160}
                testId="eval-metrics-chart"
                legend
              />
            )}
          </>
        )}
      </section>
      {pretraining && <PretrainingCharts rows={rows} />}
      <section className="chart-card">
        <h3>Learning rate</h3>
        <SeriesChart series={[{ name: 'learning_rate', color: seriesColor(5), points: seriesOf(rows, 'learning_rate') }]} height={160} testId="lr-chart" />
      </section>
      <section className="chart-card">
        <h3>Gradient norm</h3>
        <SeriesChart series={[{ name: 'grad_norm', color: seriesColor(4), points: seriesOf(rows, 'grad_norm') }]} height={160} testId="grad-norm-chart" />
      </section>
    </div>
  );
}
