// Compare runs side by side: overlaid curves, final metrics with the best marked and
// deltas against a baseline, the settings that differ, and what each model cost.
import { useEffect } from 'react';
import type { MetricsRow, RunRecord } from '../../../electron/contract';
import { SeriesChart, type Series } from '../components/charts/SeriesChart';
import { ConfigDiffTable } from '../components/compare/ConfigDiffTable';
import { DistillationPanel } from '../components/compare/DistillationPanel';
import { MetricsTable } from '../components/compare/MetricsTable';
import { ModelFacts } from '../components/compare/ModelFacts';
import { RunPicker } from '../components/compare/RunPicker';
import { EmptyState, ErrorNote } from '../components/Feedback';
import { Link } from '../components/Link';
import { SmoothingSlider } from '../components/run/SmoothingSlider';
import { emaSmooth } from '../lib/ema';
import { seriesColor } from '../lib/highlight';
import { evalMetricKeys, finalEvalMetrics, seriesOf, type XAxisKey } from '../lib/metrics';
import { useWorkbench } from '../store';

const TRAIN_METRICS = ['loss', 'learning_rate', 'grad_norm'];

function useCompareData(ids: string[]) {
  const runs = useWorkbench((s) => s.runs);
  const metrics = useWorkbench((s) => s.metrics);
  const loadRun = useWorkbench((s) => s.loadRun);
  const loadMetrics = useWorkbench((s) => s.loadMetrics);
  const loadParameterCounts = useWorkbench((s) => s.loadParameterCounts);
  const key = ids.join(',');
  useEffect(() => {
    const state = useWorkbench.getState();
    for (const id of ids) {
      if (!state.runs[id]) void loadRun(id);
      if (!state.metricsLoaded[id]) void loadMetrics(id);
    }
  }, [key, loadRun, loadMetrics]); // keyed by the ids' content
  useEffect(() => {
    for (const id of ids) if (runs[id]) void loadParameterCounts(runs[id]!);
  }, [key, runs, loadParameterCounts]); // loadParameterCounts asks once per run
  const picked = ids.map((id) => runs[id]).filter((r): r is RunRecord => !!r);
  return { picked, rows: picked.map((r) => metrics[r.id] ?? ([] as MetricsRow[])) };
}

function Controls({ metricChoices }: { metricChoices: string[] }) {
  const axis = useWorkbench((s) => s.compareAxis);
  const metricName = useWorkbench((s) => s.compareMetric);
  const setAxis = useWorkbench((s) => s.setCompareAxis);
  const setMetric = useWorkbench((s) => s.setCompareMetric);
  return (
    <div className="toolbar">
      <label className="inline-field">
        Curve{' '}
        <select value={metricName} onChange={(e) => setMetric(e.target.value)} data-testid="compare-metric">
          {metricChoices.map((m) => (
            <option key={m} value={m}>
              {m}
            </option>
          ))}
        </select>
      </label>
      <div className="segmented" role="group" aria-label="x axis">
        {(['step', 'epoch', 'elapsed_s'] as XAxisKey[]).map((x) => (
          <button key={x} type="button" aria-pressed={axis === x} onClick={() => setAxis(x)} data-testid={`axis-${x}`}>
            {x === 'elapsed_s' ? 'wall time' : x}
          </button>
        ))}
      </div>
      <SmoothingSlider />
    </div>
  );
}

export function Compare({ ids, baseline }: { ids: string[]; baseline?: string }) {
  const allRuns = useWorkbench((s) => s.runs);
  const runsError = useWorkbench((s) => s.runsError);
  const presets = useWorkbench((s) => s.presets);
  const counts = useWorkbench((s) => s.parameterCounts);
  const defaults = useWorkbench((s) => s.trainingDefaults);
  const axis = useWorkbench((s) => s.compareAxis);
  const metricName = useWorkbench((s) => s.compareMetric);
  const smoothing = useWorkbench((s) => s.smoothing);
  const navigate = useWorkbench((s) => s.navigate);
  const { picked, rows } = useCompareData(ids);
  const baseIndex = Math.max(0, picked.findIndex((r) => r.id === baseline));
  const setIds = (next: string[]) => navigate({ page: 'compare', ids: next, ...(next.includes(baseline ?? '') ? { baseline } : next[0] ? { baseline: next[0] } : {}) }, { replace: true });

  const metricChoices = [...new Set([...TRAIN_METRICS, ...rows.flatMap((r) => evalMetricKeys(r).filter((k) => !/runtime|per_second/.test(k)))])];
  const smooth = TRAIN_METRICS.includes(metricName) && metricName !== 'learning_rate' && smoothing > 0;
  const series: Series[] = picked.flatMap((run, i): Series[] => {
    const points = seriesOf(rows[i]!, metricName, axis);
    const color = seriesColor(i);
    if (!smooth) return [{ name: run.name, color, points, dots: metricName.startsWith('eval_') }];
    const ys = emaSmooth(points.map((p) => p.y), smoothing);
    return [
      { name: `${run.name} (raw)`, color, points, faint: true },
      { name: run.name, color, points: points.map((p, k) => ({ x: p.x, y: ys[k]! })) },
    ];
  });

  return (
    <div className="page">
      <section className="panel" aria-labelledby="compare-heading">
        <h2 id="compare-heading">Compare runs</h2>
        <ErrorNote message={runsError} />
        {Object.keys(allRuns).length === 0 ? (
          <EmptyState title="Nothing to compare yet" testId="compare-empty">
            <p>
              Comparing needs two or more runs: <Link to={{ page: 'new-run' }}>start a run</Link>, then another with one thing changed (a larger model, frozen layers, another schedule).
            </p>
          </EmptyState>
        ) : (
          <RunPicker runs={Object.values(allRuns)} picked={ids} onChange={setIds} />
        )}
      </section>
      {picked.length >= 1 && (
        <>
          <section className="panel" aria-label="Curves">
            <Controls metricChoices={metricChoices} />
            <SeriesChart series={series} x={axis} height={300} testId="compare-chart" />
          </section>
          <section className="panel">
            <div className="panel-head">
              <h2>Final metrics</h2>
              <label className="inline-field">
                Baseline{' '}
                <select value={picked[baseIndex]?.id} onChange={(e) => navigate({ page: 'compare', ids, baseline: e.target.value }, { replace: true })} data-testid="compare-baseline">
                  {picked.map((r) => (
                    <option key={r.id} value={r.id}>
                      {r.name}
                    </option>
                  ))}
                </select>
              </label>
            </div>
            <div className="table-scroll">
              <MetricsTable runs={picked} metrics={picked.map((r, i) => finalEvalMetrics(r.final_metrics, rows[i]!))} baseline={baseIndex} />
            </div>
          </section>
          <DistillationPanel runs={picked} finals={picked.map((r, i) => finalEvalMetrics(r.final_metrics, rows[i]!))} defaults={defaults} />
          <section className="panel">
            <h2>Models</h2>
            <div className="table-scroll">
              <ModelFacts runs={picked} presets={presets} counts={counts} defaults={defaults} />
            </div>
          </section>
          <section className="panel">
            <h2>Settings that differ</h2>
            {picked.length < 2 ? (
              <p className="empty">Pick a second run to see what differs.</p>
            ) : (
              <div className="table-scroll">
                <ConfigDiffTable runs={picked} baseline={baseIndex} defaults={defaults} />
              </div>
            )}
          </section>
        </>
      )}
      {picked.length === 0 && Object.keys(allRuns).length > 0 && (
        <EmptyState title="Pick runs above" testId="compare-pick-hint">
          <p>Tick two or more runs: their curves are drawn over each other, with the metrics and the settings that differ below.</p>
        </EmptyState>
      )}
    </div>
  );
}
