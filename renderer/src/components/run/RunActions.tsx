// What can be done with a run now: cancel, resume, duplicate-and-edit, try it, distil it, compare, delete.
import type { RunRecord } from '../../../../electron/contract';
import { canTeach, teacherIdOf } from '../../lib/distillation';
import { canCancel, canResume, hasModel, isActive, isPretraining, resumeHint } from '../../lib/run-info';
import { useWorkbench } from '../../store';

export function RunActions({ run }: { run: RunRecord }) {
  const busy = useWorkbench((s) => !!s.runBusy[run.id]);
  const cancelRun = useWorkbench((s) => s.cancelRun);
  const resumeRun = useWorkbench((s) => s.resumeRun);
  const deleteRun = useWorkbench((s) => s.deleteRun);
  const startRunFromRun = useWorkbench((s) => s.startRunFromRun);
  const startFineTuneFrom = useWorkbench((s) => s.startFineTuneFrom);
  const defaults = useWorkbench((s) => s.trainingDefaults);
  const defaultsReady = !!defaults;
  const teacherId = teacherIdOf(run);
  const navigate = useWorkbench((s) => s.navigate);
  return (
    <div className="actions">
      {canCancel(run) && (
        <button type="button" onClick={() => void cancelRun(run.id)} disabled={busy} data-testid="cancel-run">
          Cancel
        </button>
      )}
      {canResume(run) && (
        <button type="button" onClick={() => void resumeRun(run.id)} disabled={busy} data-testid="resume-run" title={resumeHint(run)}>
          {run.last_checkpoint ? `Resume from step ${run.last_checkpoint.step}` : 'Resume'}
        </button>
      )}
      <button
        type="button"
        disabled={!defaultsReady}
        onClick={() => {
          startRunFromRun(run);
          navigate({ page: 'new-run' });
        }}
        data-testid="duplicate-run"
      >
        Duplicate and edit
      </button>
      {hasModel(run) && (
        <button type="button" onClick={() => navigate({ page: 'playground', id: run.id })} data-testid="try-run">
          Try it
        </button>
      )}
      {hasModel(run) && isPretraining(run) && (
        <button
          type="button"
          className="primary"
          disabled={!defaultsReady}
          title="A classification, NER or QA run that starts from this run's final model"
          onClick={async () => {
            if (await startFineTuneFrom(run)) navigate({ page: 'new-run' });
          }}
          data-testid="fine-tune-from-run"
        >
          Fine-tune from this run
        </button>
      )}
      {canTeach(run, defaults) && (
        <button type="button" onClick={() => navigate({ page: 'distil', id: run.id })} data-testid="distil-run" title="Train a smaller model on this one's outputs">
          Distil this run
        </button>
      )}
      {teacherId && (
        <button type="button" onClick={() => navigate({ page: 'compare', ids: [teacherId, run.id], baseline: teacherId })} data-testid="compare-teacher">
          Compare with teacher
        </button>
      )}
      <button type="button" onClick={() => navigate({ page: 'compare', ids: [run.id], baseline: run.id })}>
        Compare…
      </button>
      {!isActive(run) && (
        <button
          type="button"
          className="danger"
          disabled={busy}
          onClick={async () => {
            if (window.confirm(`Delete the run "${run.name}" and its files?`) && (await deleteRun(run.id))) navigate({ page: 'runs' });
          }}
        >
          Delete
        </button>
      )}
    </div>
  );
}
