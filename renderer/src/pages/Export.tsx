// Export: pick a finished run and write its model where it will be deployed.
import { EmptyState } from '../components/Feedback';
import { FinishedRunPicker } from '../components/FinishedRunPicker';
import { Link } from '../components/Link';
import { ExportPanel } from '../components/run/ExportPanel';
import { byCreated, hasModel } from '../lib/run-info';
import { useWorkbench } from '../store';

export function Export({ id }: { id?: string }) {
  const runs = useWorkbench((s) => s.runs);
  const finished = Object.values(runs).filter(hasModel).sort(byCreated);
  const run = id ? runs[id] : undefined;
  return (
    <div className="page">
      <section className="panel" aria-labelledby="export-heading">
        <h2 id="export-heading">Export a model</h2>
        {finished.length === 0 ? (
          <EmptyState title="No finished model to export yet" testId="export-empty">
            <p>
              Export writes a fine-tuned model as a Hugging Face folder, a TensorFlow.js model or an ONNX model. <Link to={{ page: 'new-run' }}>Train one first</Link>.
            </p>
          </EmptyState>
        ) : (
          <FinishedRunPicker label="Run" page="export" id={id} finished={finished} testId="export-run" />
        )}
      </section>
      {run && hasModel(run) && (
        <section className="panel">
          <ExportPanel runId={run.id} />
        </section>
      )}
    </div>
  );
}
