// A pre-training run's held-out curves, as Google's run_pretraining reports them:
// masked-LM and next-sentence loss, their accuracies, and run_mlm's perplexity, each
// family on its own axis (a perplexity in the hundreds would flatten an accuracy).
import type { MetricsRow } from '../../../../electron/contract';
import { seriesColor } from '../../lib/highlight';
import { seriesOf } from '../../lib/metrics';
import { SeriesChart } from '../charts/SeriesChart';

/** The eval_* keys these charts draw; RunCharts leaves them out of its generic one. */
export const PRETRAINING_EVAL_KEYS = ['eval_mlm_loss', 'eval_nsp_loss', 'eval_mlm_accuracy', 'eval_nsp_accuracy', 'eval_perplexity'];

export function hasPretrainingMetrics(rows: readonly MetricsRow[]): boolean {
  return rows.some((row) => typeof row.eval_mlm_loss === 'number');
}

export function PretrainingCharts({ rows }: { rows: MetricsRow[] }) {
  const present = (keys: string[]) => keys.filter((k) => rows.some((row) => typeof row[k] === 'number'));
  const chart = (keys: string[], testId: string, first: number) =>
    keys.length > 0 && <SeriesChart series={keys.map((k, i) => ({ name: k, color: seriesColor(first + i), points: seriesOf(rows, k), dots: true }))} height={160} testId={testId} legend />;
  return (
    <section className="chart-card" data-testid="pretraining-charts">
      <h3>Held-out text: masked LM and next sentence</h3>
      {chart(present(['eval_mlm_loss', 'eval_nsp_loss']), 'pretraining-loss-chart', 1)}
      {chart(present(['eval_mlm_accuracy', 'eval_nsp_accuracy']), 'pretraining-accuracy-chart', 3)}
      {chart(present(['eval_perplexity']), 'perplexity-chart', 5)}
    </section>
  );
}
