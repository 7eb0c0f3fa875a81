// Runs: every run this machine has made (app, CLI or imported) as a table to find runs
// in — sortable by any column (every evaluation metric has one), filtered by task,
// model, status, tag or text, with live progress and queue positions from the service's
// events (no refresh needed); tick some to compare.
import { useState } from 'react';
import type { RunRecord } from '../../../electron/contract';
import { EmptyState, ErrorNote, Loading } from '../components/Feedback';
import { FilterSelect } from '../components/FilterSelect';
import { Link } from '../components/Link';
import { StatusPill } from '../components/StatusPill';
import { dateTime, duration, metric, percent } from '../format';
import { byCreated, runModel, runTask } from '../lib/run-info';
import { filterChoices, filterRuns, metricColumns, runMetric, sortRuns, type RunFilter, type RunSort } from '../lib/runs-table';
import { useWorkbench } from '../store';

function Progress({ run }: { run: RunRecord }) {
  if (run.status === 'queued') return <span data-testid={`queue-${run.id}`}>{run.queue_position ? `#${run.queue_position} in queue` : 'queued'}</span>;
  if (run.status === 'completed') return <>{percent(1)}</>;
  if (!run.progress || run.progress.total_steps <= 0) return <>—</>;
  return (
    <span title={`step ${run.progress.step} of ${run.progress.total_steps}`} data-testid={`progress-${run.id}`}>
      {percent(run.progress.step / run.progress.total_steps)}
    </span>
  );
}

function SortHeader({ label, column, sort, onSort, numeric }: { label: string; column: string; sort: RunSort; onSort: (sort: RunSort) => void; numeric?: boolean }) {
  const active = sort.key === column;
  const next = () => onSort({ key: column, descending: active ? !sort.descending : !!numeric });
  return (
    <th scope="col" aria-sort={active ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort-button" onClick={next} data-testid={`sort-${column}`}>
        {label}
        <span aria-hidden="true" className="sort-mark">
          {active ? (sort.descending ? '▼' : '▲') : ''}
        </span>
      </button>
    </th>
  );
}

function Filters({ runs, filter, onFilter }: { runs: RunRecord[]; filter: RunFilter; onFilter: (filter: RunFilter) => void }) {
  const choices = filterChoices(runs);
  const select = (key: 'task' | 'model' | 'status' | 'tag', options: string[]) => (
    <FilterSelect label={key} value={filter[key]} options={options} onChange={(value) => onFilter({ ...filter, [key]: value })} none="all" testId={`runs-filter-${key}`} />
  );
  return (
    <div className="toolbar runs-filters">
      {select('task', choices.tasks)}
      {select('model', choices.models)}
      {select('status', choices.statuses)}
      {choices.tags.length > 0 && select('tag', choices.tags)}
      <input type="search" placeholder="search names and notes" value={filter.text ?? ''} onChange={(e) => onFilter({ ...filter, text: e.target.value || undefined })} aria-label="Search runs" data-testid="runs-filter-text" />
    </div>
  );
}

export function Runs() {
  const runs = useWorkbench((s) => s.runs);
  const runsLoaded = useWorkbench((s) => s.runsLoaded);
  const runsError = useWorkbench((s) => s.runsError);
  const navigate = useWorkbench((s) => s.navigate);
  const loadRuns = useWorkbench((s) => s.loadRuns);
  const [picked, setPicked] = useState<string[]>([]);
  const [sort, setSort] = useState<RunSort>({ key: 'created', descending: true });
  const [filter, setFilter] = useState<RunFilter>({});
  const all = Object.values(runs).sort(byCreated);
  const list = sortRuns(filterRuns(all, filter), sort);
  const metrics = metricColumns(all);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  return (
    <div className="page">
      <section className="panel" aria-labelledby="runs-heading">
        <div className="panel-head">
          <h2 id="runs-heading">Runs</h2>
          <div className="actions">
            <span className="hint">updates live</span>
            <button type="button" className="linkish" onClick={() => void loadRuns()} title="Runs trained with the command line appear after a reload" data-testid="reload-runs">
              reload
            </button>
            <button type="button" className="primary" disabled={picked.length < 2} onClick={() => navigate({ page: 'compare', ids: picked, baseline: picked[0] })} data-testid="compare-picked">
              Compare {picked.length >= 2 ? picked.length : ''} runs
            </button>
          </div>
        </div>
        <ErrorNote message={runsError} />
        {!runsLoaded ? (
          <Loading what="Loading the runs" />
        ) : all.length === 0 && !runsError ? (
          <EmptyState title="No runs yet" testId="runs-empty">
            <p>
              A run fine-tunes a model on a data set. <Link to={{ page: 'new-run' }}>Start a new run</Link>, or pick a data set on the <Link to={{ page: 'datasets' }}>Datasets</Link> page first.
            </p>
          </EmptyState>
        ) : all.length === 0 ? null : (
          <>
            <Filters runs={all} filter={filter} onFilter={setFilter} />
            <div className="table-scroll">
              <table className="table runs-table" data-testid="runs-table">
                <thead>
                  <tr>
                    <th scope="col">
                      <span className="visually-hidden">Compare</span>
                    </th>
                    <SortHeader label="Run" column="name" sort={sort} onSort={setSort} />
                    <SortHeader label="Status" column="status" sort={sort} onSort={setSort} />
                    <SortHeader label="Progress" column="progress" sort={sort} onSort={setSort} numeric />
                    {metrics.map((key) => (
                      <SortHeader key={key} label={key.replace(/^eval_/, '')} column={key} sort={sort} onSort={setSort} numeric={!key.endsWith('loss')} />
                    ))}
                    <SortHeader label="Time" column="time" sort={sort} onSort={setSort} numeric />
                    <SortHeader label="Created" column="created" sort={sort} onSort={setSort} numeric />
                  </tr>
                </thead>
                <tbody>
                  {list.map((run) => (
                    <tr key={run.id} data-testid={`run-row-${run.id}`}>
                      <td>
                        <input type="checkbox" checked={picked.includes(run.id)} onChange={() => toggle(run.id)} aria-label={`Compare ${run.name}`} data-testid={`pick-${run.id}`} />
                      </td>
                      <th scope="row" className="run-cell">
                        <Link to={{ page: 'run', id: run.id }}>{run.name}</Link>
                        {run.origin && run.origin !== 'app' && <span className="tag">{run.origin}</span>}
                        {(run.tags ?? []).map((tag) => (
                          <span key={tag} className="tag">
                            {tag}
                          </span>
                        ))}
                        <div className="hint" data-testid={`run-kind-${run.id}`}>
                          {runTask(run)} · {runModel(run)}
                        </div>
                        {run.notes && <div className="hint run-note">{run.notes}</div>}
                      </th>
                      <td>
                        <StatusPill status={run.status} />
                      </td>
                      <td className="num">
                        <Progress run={run} />
                      </td>
                      {metrics.map((key) => (
                        <td key={key} className="num" data-testid={`cell-${key}-${run.id}`}>
                          {metric(runMetric(run, key))}
                        </td>
                      ))}
                      <td className="num">{run.train_seconds !== undefined ? duration(run.train_seconds) : '—'}</td>
                      <td className="nowrap">{dateTime(run.created_at)}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {list.length === 0 && <p className="empty">No run matches these filters.</p>}
          </>
        )}
      </section>
    </div>
  );
}
