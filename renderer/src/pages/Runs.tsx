// Runs: every run this machine has made (app, CLI or imported), newest first; tick some to compare.
import { useState } from 'react';
import { EmptyState, ErrorNote, Loading } from '../components/Feedback';
import { Link } from '../components/Link';
import { StatusPill } from '../components/StatusPill';
import { dateTime, duration, metric, percent } from '../format';
import { byCreated, runModel, runTask } from '../lib/run-info';
import { useWorkbench } from '../store';

export function Runs() {
  const runs = useWorkbench((s) => s.runs);
  const runsLoaded = useWorkbench((s) => s.runsLoaded);
  const runsError = useWorkbench((s) => s.runsError);
  const loadRuns = useWorkbench((s) => s.loadRuns);
  const navigate = useWorkbench((s) => s.navigate);
  const [picked, setPicked] = useState<string[]>([]);
  const list = Object.values(runs).sort(byCreated);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  return (
    <div className="page">
      <section className="panel" aria-labelledby="runs-heading">
        <div className="panel-head">
          <h2 id="runs-heading">Runs</h2>
          <div className="actions">
            <button type="button" onClick={() => void loadRuns()}>
              Refresh
            </button>
            <button type="button" className="primary" disabled={picked.length < 2} onClick={() => navigate({ page: 'compare', ids: picked, baseline: picked[0] })} data-testid="compare-picked">
              Compare {picked.length >= 2 ? picked.length : ''} runs
            </button>
          </div>
        </div>
        <ErrorNote message={runsError} />
        {!runsLoaded ? (
          <Loading what="Loading the runs" />
        ) : list.length === 0 && !runsError ? (
          <EmptyState title="No runs yet" testId="runs-empty">
            <p>
              A run fine-tunes a model on a data set. <Link to={{ page: 'new-run' }}>Start a new run</Link>, or pick a data set on the <Link to={{ page: 'datasets' }}>Datasets</Link> page first.
            </p>
          </EmptyState>
        ) : list.length === 0 ? null : (
          <table className="table" data-testid="runs-table">
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Compare</span>
                </th>
                <th scope="col">Run</th>
                <th scope="col">Task</th>
                <th scope="col">Model</th>
                <th scope="col">Status</th>
                <th scope="col">Progress</th>
                <th scope="col">Best</th>
                <th scope="col">Time</th>
                <th scope="col">Created</th>
              </tr>
            </thead>
            <tbody>
              {list.map((run) => (
                <tr key={run.id} data-testid={`run-row-${run.id}`}>
                  <td>
                    <input type="checkbox" checked={picked.includes(run.id)} onChange={() => toggle(run.id)} aria-label={`Compare ${run.name}`} data-testid={`pick-${run.id}`} />
                  </td>
                  <th scope="row">
                    <Link to={{ page: 'run', id: run.id }}>{run.name}</Link>
                    {run.origin && run.origin !== 'app' && <span className="tag">{run.origin}</span>}
                  </th>
                  <td>{runTask(run)}</td>
                  <td>{runModel(run)}</td>
                  <td>
                    <StatusPill status={run.status} />
                  </td>
                  <td className="num">{run.progress && run.progress.total_steps > 0 ? percent(run.status === 'completed' ? 1 : run.progress.step / run.progress.total_steps) : '—'}</td>
                  <td className="num">{run.best_metric ? `${run.best_metric.name} ${metric(run.best_metric.value)}` : '—'}</td>
                  <td className="num">{run.train_seconds !== undefined ? duration(run.train_seconds) : '—'}</td>
                  <td>{dateTime(run.created_at)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
    </div>
  );
}
