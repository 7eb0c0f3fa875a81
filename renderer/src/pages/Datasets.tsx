// Datasets: bring in a file (kept in the library under its own name) or pick a sample, read
// it as a task with its columns mapped, and see what the model will see: a preview,
// statistics, and every problem with its file and line.
import { useEffect, useState } from 'react';
import type { DatasetReport, TaskKind } from '../../../electron/contract';
import { EmptyState, ErrorNote, Loading } from '../components/Feedback';
import { DatasetStats } from '../components/data/DatasetStats';
import { FileDrop } from '../components/data/FileDrop';
import { PreviewTable } from '../components/data/PreviewTable';
import { ProblemList } from '../components/data/ProblemList';
import { ReportSummary } from '../components/data/ReportSummary';
import { ColumnMapping } from '../components/data/ColumnMapping';
import { DatasetLibrary } from '../components/data/DatasetLibrary';
import { TaskSelect } from '../components/TaskSelect';
import type { RowRef, Split } from '../lib/problem-row';
import { useWorkbench } from '../store';
import { reportKey, type InspectRequest } from '../store/datasets-slice';
import { TASK_LABELS } from '../tasks';

function SourcePanel() {
  const samples = useWorkbench((s) => s.samples);
  const importing = useWorkbench((s) => s.importing);
  const importError = useWorkbench((s) => s.importError);
  const importNote = useWorkbench((s) => s.importNote);
  const libraryError = useWorkbench((s) => s.libraryError);
  const selection = useWorkbench((s) => s.selection);
  const selectDataset = useWorkbench((s) => s.selectDataset);
  const importDatasetFile = useWorkbench((s) => s.importDatasetFile);
  const [importTask, setImportTask] = useState<TaskKind>(selection?.task ?? 'classification');
  // "Read it as" follows the data set picked last (an NER sample makes the next import NER too).
  useEffect(() => {
    if (selection) setImportTask(selection.task);
  }, [selection?.task]);
  return (
    <section className="panel" aria-labelledby="source-heading">
      <h2 id="source-heading">Choose data</h2>
      <div className="source-grid">
        <div>
          <h3>Import a file</h3>
          <TaskSelect value={importTask} onChange={setImportTask} label="Read it as" testId="import-task" />
          <FileDrop busy={importing} onFile={(file) => void importDatasetFile(file, importTask)} />
          <ErrorNote message={importError} testId="import-error" />
          {importNote && (
            <p className="hint" role="status" data-testid="import-note">
              {importNote}
            </p>
          )}
          <h3>Your data sets</h3>
          <ErrorNote message={libraryError} testId="library-error" />
          <DatasetLibrary fallbackTask={importTask} />
        </div>
        <div>
          <h3>Or start from a sample</h3>
          {samples.length === 0 ? (
            <p className="empty">The service lists no sample data sets.</p>
          ) : (
            <ul className="choice-list">
              {samples.map((s) => (
                <li key={s.id}>
                  <button
                    type="button"
                    className={selection?.sampleId === s.id ? 'choice choice-on' : 'choice'}
                    aria-pressed={selection?.sampleId === s.id}
                    data-testid={`pick-sample-${s.id}`}
                    onClick={() => selectDataset({ task: s.task, train: s.files.train!, validation: s.files.validation, label: s.name, sampleId: s.id })}
                  >
                    <span className="card-kicker">{TASK_LABELS[s.task]}</span>
                    <strong>{s.name}</strong>
                  </button>
                </li>
              ))}
            </ul>
          )}
        </div>
      </div>
    </section>
  );
}

function ValidationSelect() {
  const selection = useWorkbench((s) => s.selection);
  const library = useWorkbench((s) => s.library);
  const selectDataset = useWorkbench((s) => s.selectDataset);
  if (!selection || selection.sampleId) return null;
  const others = library.filter((f) => f.path !== selection.train && (!f.task || f.task === selection.task));
  return (
    <label className="inline-field">
      Validation file{' '}
      <select value={selection.validation ?? ''} onChange={(e) => selectDataset({ ...selection, validation: e.target.value || undefined })} data-testid="validation-file">
        <option value="">none — split it off the training file</option>
        {others.map((f) => (
          <option key={f.id} value={f.path}>
            {f.name}
          </option>
        ))}
      </select>
    </label>
  );
}

function ReportView({ report, request }: { report: DatasetReport; request: InspectRequest }) {
  const [split, setSplit] = useState<Split>('train');
  const [focus, setFocus] = useState<RowRef | undefined>();
  const navigate = useWorkbench((s) => s.navigate);
  const startRunWithData = useWorkbench((s) => s.startRunWithData);
  const setSelectionColumns = useWorkbench((s) => s.setSelectionColumns);
  const showRow = (row: RowRef) => {
    setSplit(row.split);
    setFocus({ ...row });
  };
  return (
    <>
      <section className="panel" aria-labelledby="report-heading">
        <div className="panel-head">
          <h2 id="report-heading">Report</h2>
          <button
            type="button"
            className="primary"
            disabled={!report.valid}
            data-testid="use-for-run"
            onClick={() => {
              startRunWithData(request.task, {
                train: request.train,
                ...(request.validation ? { validation: request.validation } : {}),
                ...(request.columns ? { columns: request.columns } : {}),
                ...(request.labelNames ? { label_names: request.labelNames } : {}),
              });
              navigate({ page: 'new-run' });
            }}
          >
            Train a model on this
          </button>
        </div>
        <ReportSummary report={report} />
        <ColumnMapping report={report} given={request.columns} onChange={setSelectionColumns} />
        <h3>Errors and warnings</h3>
        <ProblemList report={report} onShowRow={showRow} />
      </section>
      <section className="panel" aria-labelledby="stats-heading">
        <div className="panel-head">
          <h2 id="stats-heading">Statistics and preview</h2>
          <div className="segmented" role="group" aria-label="Split">
            {(['train', 'validation'] as const).map((s) => (
              <button key={s} type="button" aria-pressed={split === s} onClick={() => setSplit(s)} data-testid={`split-${s}`}>
                {s}
              </button>
            ))}
          </div>
        </div>
        <DatasetStats report={report} split={split} />
        <h3>First examples</h3>
        <div className="preview-scroll" data-testid="preview">
          <PreviewTable report={report} split={split} focusIndex={focus?.split === split ? focus.index : undefined} />
        </div>
      </section>
    </>
  );
}

function LengthField() {
  const inspectLength = useWorkbench((s) => s.inspectLength);
  const setInspectLength = useWorkbench((s) => s.setInspectLength);
  const [text, setText] = useState(inspectLength ? String(inspectLength) : '');
  return (
    <label className="inline-field">
      max_seq_length{' '}
      <input
        type="number"
        min={8}
        max={8192}
        value={text}
        placeholder="default"
        onChange={(e) => setText(e.target.value)}
        onBlur={() => setInspectLength(Number(text) > 0 ? Math.round(Number(text)) : null)}
        onKeyDown={(e) => e.key === 'Enter' && setInspectLength(Number(text) > 0 ? Math.round(Number(text)) : null)}
        data-testid="inspect-length"
        className="narrow"
      />
    </label>
  );
}

export function Datasets() {
  const selection = useWorkbench((s) => s.selection);
  const inspectLength = useWorkbench((s) => s.inspectLength);
  const setSelectionTask = useWorkbench((s) => s.setSelectionTask);
  const inspectDataset = useWorkbench((s) => s.inspectDataset);
  const request: InspectRequest | null = selection
    ? {
        task: selection.task,
        train: selection.train,
        ...(selection.validation ? { validation: selection.validation } : {}),
        ...(inspectLength ? { maxSeqLength: inspectLength } : {}),
        ...(selection.columns ? { columns: selection.columns } : {}),
        ...(selection.labelNames ? { labelNames: selection.labelNames } : {}),
      }
    : null;
  const key = request ? reportKey(request) : '';
  const state = useWorkbench((s) => (key ? s.reports[key] : undefined));
  const loadLibrary = useWorkbench((s) => s.loadLibrary);
  useEffect(() => {
    if (request) void inspectDataset(request);
  }, [key, inspectDataset]);
  useEffect(() => {
    void loadLibrary(); // files imported elsewhere (another window, the CLI's home) show up
  }, [loadLibrary]);

  return (
    <div className="page">
      <SourcePanel />
      {!selection ? (
        <EmptyState title="No data set chosen yet" testId="datasets-empty">
          <p>Drop a CSV, TSV, JSON lines, CoNLL or SQuAD file above, or pick one of the samples that ship with the app, to see its examples, labels and lengths.</p>
        </EmptyState>
      ) : (
        <section className="panel toolbar" aria-label="Reading options">
          <strong data-testid="dataset-label">{selection.label}</strong>
          {selection.sampleId ? <span className="tag">{TASK_LABELS[selection.task]}</span> : <TaskSelect value={selection.task} onChange={setSelectionTask} label="Task" testId="selection-task" />}
          <ValidationSelect />
          <LengthField />
        </section>
      )}
      {state?.status === 'loading' && <Loading what="Reading the data" />}
      {state?.status === 'error' && <ErrorNote message={state.error} testId="inspect-error" />}
      {state?.status === 'ready' && state.report && request && <ReportView report={state.report} request={request} />}
    </div>
  );
}
