// Which files the run trains on and how to read them: a sample for the task, a data set of
// the library, or a path on this machine; which columns hold what, and the names the
// labels get. The service's report (with a preview) follows every choice.
import { useState } from 'react';
import type { DataColumns, DatasetEntry } from '../../../../electron/contract';
import type { DataChoice } from '../../lib/run-config';
import { libraryEntryOf, type ReportState } from '../../store/datasets-slice';
import { useWorkbench } from '../../store';
import { ErrorNote, Loading } from '../Feedback';
import { ColumnMapping } from '../data/ColumnMapping';
import { DataFilesName } from '../data/DatasetName';
import { LabelNames } from '../data/LabelNames';
import { PreviewTable } from '../data/PreviewTable';
import { ReportSummary } from '../data/ReportSummary';
import { Link } from '../Link';
import { NspNotice } from './NspNotice';

/** A library data set as the draft's data, with the settings remembered for it. */
function choiceOf(entry: DatasetEntry): DataChoice {
  const choice: DataChoice = { train: entry.path };
  if (entry.columns) choice.columns = entry.columns;
  if (entry.labelNames) choice.label_names = entry.labelNames;
  return choice;
}

export function DataStep({ report }: { report: ReportState | undefined }) {
  const task = useWorkbench((s) => s.draft?.task);
  const data = useWorkbench((s) => s.draft?.data ?? null);
  const samples = useWorkbench((s) => s.samples);
  const library = useWorkbench((s) => s.library);
  const setDraftData = useWorkbench((s) => s.setDraftData);
  const rememberDataset = useWorkbench((s) => s.rememberDataset);
  const [path, setPath] = useState('');
  const forTask = samples.filter((s) => s.task === task);
  const datasets = library.filter((e) => !e.task || e.task === task);
  const entry = data ? libraryEntryOf(library, data.train) : undefined;
  // Changes to how a library data set is read are remembered with it.
  const change = (next: DataChoice) => {
    setDraftData(next);
    if (entry && task) void rememberDataset(entry.id, { task, columns: next.columns ?? null, labelNames: next.label_names ?? null });
  };
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
        {datasets.map((e) => {
          const on = data?.train === e.path;
          return (
            <label key={e.id} className={on ? 'choice choice-on' : 'choice'} data-testid={`data-dataset-${e.id}`}>
              <input type="radio" name="data" checked={on} onChange={() => setDraftData(choiceOf(e))} />
              <span className="card-kicker">your data</span>
              <strong className="file-name">{e.name}</strong>
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
            <DataFilesName train={data.train} validation={data.validation} />
          </h3>
          {report?.status === 'loading' && <Loading what="Reading the data" />}
          {report?.status === 'error' && <ErrorNote message={report.error} />}
          {report?.status === 'ready' && report.report && (
            <>
              <ReportSummary report={report.report} />
              <NspNotice report={report.report} />
              <ColumnMapping report={report.report} given={data.columns} onChange={(columns: DataColumns) => change({ ...data, columns })} />
              <LabelNames report={report.report} names={data.label_names} onChange={(label_names) => change({ ...data, label_names })} />
              {report.report.preview.train.length > 0 && (
                <details className="data-preview">
                  <summary>First examples, as the model will read them</summary>
                  <div className="preview-scroll preview-short" data-testid="data-preview">
                    <PreviewTable report={report.report} split="train" />
                  </div>
                </details>
              )}
            </>
          )}
        </div>
      )}
    </div>
  );
}
