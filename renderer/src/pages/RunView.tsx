// One run: status, progress and ETA (always from one source, see lib/progress.ts), its
// curves with the majority baseline, the evaluation report and every validation
// prediction, evaluation on a test file, the machine while it trains, tags and notes,
// the log, and export once it has a model.
import { useEffect } from 'react';
import { ErrorNote, Loading } from '../components/Feedback';
import { Link } from '../components/Link';
import { StatusPill } from '../components/StatusPill';
import { EvaluationPanel } from '../components/evaluation/EvaluationPanel';
import { TestEvaluationPanel } from '../components/evaluation/TestEvaluationPanel';
import { ExportPanel } from '../components/run/ExportPanel';
import { ProgressBar } from '../components/run/ProgressBar';
import { RunActions } from '../components/run/RunActions';
import { RunCharts } from '../components/run/RunCharts';
import { RunLog } from '../components/run/RunLog';
import { RunDataName } from '../components/run/RunDataName';
import { RunNotes } from '../components/run/RunNotes';
import { SystemPanel } from '../components/run/SystemPanel';
import { dateTime, duration, metric } from '../format';
import { finalEvalMetrics } from '../lib/metrics';
import { trainingSeconds } from '../lib/progress';
import { hasModel, runModel, runTask, startingRun } from '../lib/run-info';
import { runWeights } from '../lib/model-source';
import { useWorkbench } from '../store';
import { evaluationKey } from '../store/evaluations-slice';
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
  const baseline = useWorkbench((s) => {
    const report = s.evaluations[evaluationKey(id, 'last')]?.evaluation?.report;
    return report?.task === 'classification' ? report.baseline : undefined;
  });
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
  const seconds = trainingSeconds(run, rows);
  const started = run.status !== 'queued' && run.status !== 'created' && run.started_at;
  return (
    <div className="page" data-testid="run-view">
      <section className="panel">
        <div className="panel-head">
          <div className="min-0">
            <div className="card-kicker">
              <Link to={{ page: 'runs' }}>Runs</Link> / {runTask(run)} <RunDataName run={run} />
            </div>
            <h2 data-testid="run-name" className="wrap-text">
              {run.name}
            </h2>
            {(run.tags ?? []).length > 0 && (
              <div data-testid="run-tag-list">
                {run.tags!.map((tag) => (
                  <span key={tag} className="tag tag-first">
                    {tag}
                  </span>
                ))}
              </div>
            )}
          </div>
          <StatusPill status={run.status} />
        </div>
        <dl className="facts facts-inline">
          <dt>Model</dt>
          <dd className="wrap-text">
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
          <dt>{started ? 'Started' : 'Created'}</dt>
          <dd>{dateTime(started ? run.started_at : run.created_at)}</dd>
          <dt>Training time</dt>
          <dd data-testid="training-time">{seconds !== undefined ? duration(seconds) : '—'}</dd>
          {run.best_metric && (
            <>
              <dt>Best</dt>
              <dd data-testid="best-metric">
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
        <RunCharts rows={rows} baseline={baseline} />
      </section>
      <section className="panel" aria-labelledby="evaluation-heading">
        <h2 id="evaluation-heading">Evaluation report and predictions</h2>
        <EvaluationPanel run={run} />
      </section>
      {hasModel(run) && (
        <section className="panel" aria-labelledby="test-heading">
          <h2 id="test-heading">Evaluate on a test file</h2>
          <TestEvaluationPanel run={run} />
        </section>
      )}
      <section className="panel" aria-labelledby="system-heading">
        <h2 id="system-heading">System</h2>
        <SystemPanel runId={run.id} live={run.status === 'running'} />
      </section>
      <section className="panel" aria-labelledby="notes-heading">
        <h2 id="notes-heading">Tags and notes</h2>
        <RunNotes run={run} />
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
