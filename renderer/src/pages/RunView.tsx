// One run: status, progress and ETA, its curves (history from runs.metrics, then live
// events), final metrics, log, and export once it has a model.
import { useEffect } from 'react';
import { ErrorNote, Loading } from '../components/Feedback';
import { Link } from '../components/Link';
import { StatusPill } from '../components/StatusPill';
import { ExportPanel } from '../components/run/ExportPanel';
import { ProgressBar } from '../components/run/ProgressBar';
import { RunActions } from '../components/run/RunActions';
import { RunCharts } from '../components/run/RunCharts';
import { RunLog } from '../components/run/RunLog';
import { RunDataName } from '../components/run/RunDataName';
import { dateTime, duration, metric } from '../format';
import { finalEvalMetrics } from '../lib/metrics';
import { hasModel, runModel, runTask, startingRun } from '../lib/run-info';
import { runWeights } from '../lib/model-source';
import { useWorkbench } from '../store';
import type { LogLine } from '../store/runs-slice';
import type { MetricsRow } from '../../../electron/contract';

const NO_ROWS: MetricsRow[] = [];
const NO_LINES: LogLine[] = [];

function FinalMetrics({ values }: { values: Record<string, number> }) {
  const entries = Object.entries(values);
  if (entries.length === 0) return null;
  return (
    <dl className="metric-tiles" data-testid="final-metrics">
      {entries.map(([k, v]) => (
        <div key={k} className="tile">
          <dt>{k.replace(/^eval_/, '')}</dt>
          <dd>{metric(v)}</dd>
        </div>
      ))}
    </dl>
  );
}

export function RunView({ id }: { id: string }) {
  const run = useWorkbench((s) => s.runs[id]);
  const rows = useWorkbench((s) => s.metrics[id] ?? NO_ROWS);
  const logs = useWorkbench((s) => s.logs[id] ?? NO_LINES);
  const runError = useWorkbench((s) => s.runErrors[id]);
  const metricsError = useWorkbench((s) => s.metricsErrors[id]);
  const loadRun = useWorkbench((s) => s.loadRun);
  const loadMetrics = useWorkbench((s) => s.loadMetrics);
  const origin = useWorkbench((s) => (s.runs[id] ? startingRun(s.runs[id]!, Object.values(s.runs)) : undefined));
  useEffect(() => {
    void loadRun(id);
    void loadMetrics(id);
  }, [id, loadRun, loadMetrics]);

  if (!run) {
    return (
      <div className="page">
        {runError ? <ErrorNote message={runError} /> : <Loading what="Opening the run" />}
        <p>
          <Link to={{ page: 'runs' }}>All runs</Link>
        </p>
      </div>
    );
  }
  const finals = finalEvalMetrics(run.final_metrics, rows);
  return (
    <div className="page" data-testid="run-view">
      <section className="panel">
        <div className="panel-head">
          <div>
            <div className="card-kicker">
              <Link to={{ page: 'runs' }}>Runs</Link> / {runTask(run)} <RunDataName run={run} />
            </div>
            <h2 data-testid="run-name">{run.name}</h2>
          </div>
          <StatusPill status={run.status} />
        </div>
        <dl className="facts facts-inline">
          <dt>Model</dt>
          <dd>
            {origin ? (
              <>
                from the pre-training run <Link to={{ page: 'run', id: origin.id }}>{origin.name}</Link>
              </>
            ) : (
              runModel(run)
            )}
          </dd>
          <dt>Weights</dt>
          <dd data-testid="run-weights" title={run.weights_from?.source === 'hub' ? run.weights_from.commit : undefined}>
            {runWeights(run)}
          </dd>
          <dt>Backend</dt>
          <dd title={run.backend?.reason}>{run.backend?.name ?? '—'}</dd>
          <dt>Started</dt>
          <dd>{dateTime(run.started_at ?? run.created_at)}</dd>
          <dt>Training time</dt>
          <dd>{run.train_seconds !== undefined ? duration(run.train_seconds) : '—'}</dd>
          {run.best_metric && (
            <>
              <dt>Best</dt>
              <dd>
                {run.best_metric.name} {metric(run.best_metric.value)} at step {run.best_metric.step}
              </dd>
            </>
          )}
        </dl>
        <ProgressBar run={run} rows={rows} />
        {run.status === 'failed' && run.error && (
          <div className="alert" role="alert" data-testid="run-failure">
            <strong>The run failed.</strong> {run.error.split('\n')[0]}
          </div>
        )}
        {run.damage && (
          <div className="alert" role="alert" data-testid="run-damaged">
            <strong>This run cannot be read.</strong> {run.damage.file}: {run.damage.problem}
          </div>
        )}
        <ErrorNote message={runError} />
        <RunActions run={run} />
      </section>
      <ErrorNote message={metricsError} />
      {Object.keys(finals).length > 0 && (
        <section className="panel">
          <h2>{run.status === 'completed' ? 'Final evaluation' : 'Latest evaluation'}</h2>
          <FinalMetrics values={finals} />
        </section>
      )}
      <section className="panel">
        <h2>Curves</h2>
        <RunCharts rows={rows} />
      </section>
      <section className="panel">
        <h2>Log</h2>
        <RunLog lines={logs} />
      </section>
      {hasModel(run) && (
        <section className="panel">
          <h2>Export</h2>
          <ExportPanel runId={run.id} />
        </section>
      )}
    </div>
  );
}
