// Where the form's training settings come from, said out loud: the task's defaults, or a
// run the person chose to copy from. Nothing carries over silently between new runs.
import { byCreated } from '../../lib/run-info';
import { useWorkbench } from '../../store';

export function StartFrom() {
  const origin = useWorkbench((s) => s.settingsOrigin);
  const runs = useWorkbench((s) => s.runs);
  const copySettingsFrom = useWorkbench((s) => s.copySettingsFrom);
  const resetTrainingSettings = useWorkbench((s) => s.resetTrainingSettings);
  const candidates = Object.values(runs).sort(byCreated);
  return (
    <div className="start-from toolbar" data-testid="start-from">
      <span data-testid="settings-origin">
        Settings: {origin.from === 'defaults' ? <strong>the defaults</strong> : <>copied from <strong>{origin.runName}</strong></>}
      </span>
      {candidates.length > 0 && (
        <label className="inline-field">
          Copy settings from{' '}
          <select
            value={origin.from === 'run' ? origin.runId : ''}
            onChange={(e) => {
              const run = runs[e.target.value];
              if (run) copySettingsFrom(run);
            }}
            data-testid="copy-settings-from"
          >
            <option value="">choose a run…</option>
            {candidates.map((run) => (
              <option key={run.id} value={run.id}>
                {run.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {origin.from === 'run' && (
        <button type="button" className="linkish" onClick={resetTrainingSettings} data-testid="use-defaults">
          back to the defaults
        </button>
      )}
    </div>
  );
}
