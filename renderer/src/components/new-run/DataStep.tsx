// Which files the run trains on: a sample for the task, a file imported on the Datasets
// page, or a path on this machine; the service's report on them is shown right here.
import { useState } from 'react';
import { fileName } from '../../format';
import type { ReportState } from '../../store/datasets-slice';
import { useWorkbench } from '../../store';
import { ErrorNote, Loading } from '../Feedback';
import { ReportSummary } from '../data/ReportSummary';
import { Link } from '../Link';
import { NspNotice } from './NspNotice';

export function DataStep({ report }: { report: ReportState | undefined }) {
  const task = useWorkbench((s) => s.draft?.task);
  const data = useWorkbench((s) => s.draft?.data ?? null);
  const samples = useWorkbench((s) => s.samples);
  const imported = useWorkbench((s) => s.imported);
  const setDraftData = useWorkbench((s) => s.setDraftData);
  const [path, setPath] = useState('');
  const forTask = samples.filter((s) => s.task === task);
  return (
    <div className="step-body">
      <fieldset className="choice-grid">
        <legend>Training data</legend>
        {forTask.map((s) => {
          const on = data?.train === s.files.train;
          return (
            <label key={s.id} className={on ? 'choice choice-on' : 'choice'} data-testid={`data-sample-${s.id}`}>
              <input type="radio" name="data" checked={on} onChange={() => setDraftData({ train: s.files.train!, ...(s.files.validation ? { validation: s.files.validation } : {}) })} />
              <span className="card-kicker">sample</span>
              <strong>{s.name}</strong>
              <span className="hint">{s.description}</span>
            </label>
          );
        })}
        {imported.map((f) => {
          const on = data?.train === f.path;
          return (
            <label key={f.path} className={on ? 'choice choice-on' : 'choice'}>
              <input type="radio" name="data" checked={on} onChange={() => setDraftData({ train: f.path })} />
              <span className="card-kicker">imported</span>
              <strong>{f.name}</strong>
            </label>
          );
        })}
      </fieldset>
      <p className="hint">
        Your own file? Import it on the <Link to={{ page: 'datasets' }}>Datasets</Link> page to check it first, or give its path on this machine:
      </p>
      <form
        className="inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (path.trim()) setDraftData({ train: path.trim() });
        }}
      >
        <input type="text" value={path} onChange={(e) => setPath(e.target.value)} placeholder="/path/to/train.csv" aria-label="Path of a training file" className="wide" />
        <button type="submit">Use this file</button>
      </form>
      {data && (
        <div className="subpanel" data-testid="data-report">
          <h3>
            {fileName(data.train)}
            {data.validation ? ` + ${fileName(data.validation)}` : ''}
          </h3>
          {report?.status === 'loading' && <Loading what="Reading the data" />}
          {report?.status === 'error' && <ErrorNote message={report.error} />}
          {report?.status === 'ready' && report.report && <ReportSummary report={report.report} />}
          {report?.status === 'ready' && report.report && <NspNotice report={report.report} />}
        </div>
      )}
    </div>
  );
}
