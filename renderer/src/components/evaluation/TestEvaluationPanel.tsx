// "Evaluate on a test file": the run's final model on a file of its task (a sample's
// file, one imported before, one dropped here, or a path on the service's machine) →
// test_* metrics when it has labels, the report, and every prediction, downloadable as
// CSV or JSON lines (`bert-workbench predict --run DIR --data FILE` writes the same).
import { memo, useEffect, useState } from 'react';
import type { RunRecord } from '../../../../electron/contract';
import { fileName, metric } from '../../format';
import { baseName } from '../../lib/download';
import { NO_FILTER, type PredictionFilter } from '../../lib/predictions';
import { runTask } from '../../lib/run-info';
import { useWorkbench } from '../../store';
import { evaluationKey } from '../../store/evaluations-slice';
import { FileDrop } from '../data/FileDrop';
import { ErrorNote } from '../Feedback';
import { EvaluationReportView } from './EvaluationReportView';
import { PredictionsViewer } from './PredictionsViewer';

/** Files the person has seen already: the samples' splits of this task and the data sets of the library. */
function useKnownFiles(task: string): { path: string; label: string }[] {
  const samples = useWorkbench((s) => s.samples);
  const library = useWorkbench((s) => s.library);
  return [
    ...samples.filter((sample) => sample.task === task).flatMap((sample) => Object.entries(sample.files).map(([split, path]) => ({ path, label: `${sample.name} — ${split}` }))),
    ...library.filter((entry) => entry.task === undefined || entry.task === task).map((entry) => ({ path: entry.path, label: `${entry.name} (library)` })),
  ];
}

function TestEvaluationPanelView({ run }: { run: RunRecord }) {
  const task = runTask(run);
  const known = useKnownFiles(task);
  const [file, setFile] = useState('');
  const [filter, setFilter] = useState<PredictionFilter>(NO_FILTER);
  const state = useWorkbench((s) => s.evaluations[evaluationKey(run.id, 'test')]);
  const testRun = useWorkbench((s) => s.testRuns[run.id]);
  const loadEvaluation = useWorkbench((s) => s.loadEvaluation);
  const evaluateFile = useWorkbench((s) => s.evaluateFile);
  const uploadTestFile = useWorkbench((s) => s.uploadTestFile);
  const [uploading, setUploading] = useState(false);
  useEffect(() => {
    void loadEvaluation(run.id, 'test');
  }, [run.id, loadEvaluation]);
  const running = testRun?.status === 'running';
  const evaluation = state?.evaluation ?? undefined;
  const upload = async (picked: File) => {
    setUploading(true);
    const path = await uploadTestFile(run.id, picked);
    setUploading(false);
    if (path) setFile(path);
  };
  return (
    <div className="test-evaluation" data-testid="test-evaluation">
      <div className="test-source">
        <label className="setting">
          <span>A file of this run’s task ({task})</span>
          <select value={known.some((k) => k.path === file) ? file : ''} onChange={(e) => setFile(e.target.value)} data-testid="test-file-choice">
            <option value="">choose a known file…</option>
            {known.map((k) => (
              <option key={k.path} value={k.path}>
                {k.label}
              </option>
            ))}
          </select>
        </label>
        <label className="setting">
          <span>or its path on this machine</span>
          <input type="text" value={file} onChange={(e) => setFile(e.target.value)} placeholder="/path/to/test.tsv" data-testid="test-file-path" />
        </label>
        <FileDrop busy={uploading} onFile={(picked) => void upload(picked)} />
      </div>
      <div className="actions">
        <button type="button" className="primary" disabled={!file.trim() || running} onClick={() => void evaluateFile(run.id, file.trim())} data-testid="evaluate-file">
          {running ? 'Evaluating…' : 'Evaluate'}
        </button>
        {running && <span className="hint">in a process of its own; the app stays usable</span>}
      </div>
      <ErrorNote message={testRun?.status === 'error' ? testRun.error : state?.error} testId="test-error" />
      {evaluation && (
        <div data-testid="test-result">
          <h3>
            {fileName(evaluation.file ?? '')} <span className="hint">{new Date(evaluation.created_at).toLocaleString()}</span>
          </h3>
          {evaluation.warnings?.map((warning, i) => (
            <p key={i} className="warn-text">
              {warning}
            </p>
          ))}
          {Object.keys(evaluation.metrics).length > 0 ? (
            <dl className="metric-tiles" data-testid="test-metrics">
              {Object.entries(evaluation.metrics)
                .filter(([k]) => !k.endsWith('_thresh'))
                .map(([k, v]) => (
                  <div key={k} className="tile">
                    <dt>{k.replace(/^test_/, '')}</dt>
                    <dd>{metric(v)}</dd>
                  </div>
                ))}
            </dl>
          ) : (
            <p className="hint">The file has no labels: these are the model’s predictions, without scores.</p>
          )}
          {evaluation.report && <EvaluationReportView report={evaluation.report} filter={filter} onCell={(gold, predicted) => setFilter({ correctness: 'all', gold, predicted })} />}
          <PredictionsViewer predictions={evaluation.predictions} filter={filter} onFilter={setFilter} fileName={`predictions-${baseName(evaluation.file ?? 'test')}`} />
        </div>
      )}
    </div>
  );
}

/** Re-rendered for another run, not on every live progress row. */
export const TestEvaluationPanel = memo(TestEvaluationPanelView, (a, b) => a.run.id === b.run.id && a.run.status === b.run.status);
