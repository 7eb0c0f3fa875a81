// Training settings: the common knobs up front, the layer diagram and the schedule
// preview beside them, every other setting under "Advanced" by group.
import { GROUP_TITLES, fieldsOf, type FieldGroup } from '../../lib/settings-fields';
import { useWorkbench } from '../../store';
import { ErrorNote } from '../Feedback';
import { ScheduleChart } from '../charts/ScheduleChart';
import { LayerDiagram } from './LayerDiagram';
import { SettingField } from './SettingField';

const ADVANCED: FieldGroup[] = ['optimizer', 'freezing', 'evaluation', 'reproducibility'];

/** A preset's depth from the list; a checkpoint's from the service's estimate, which reads its config.json. */
function useNumLayers(): number | undefined {
  const model = useWorkbench((s) => s.draft?.model);
  const presets = useWorkbench((s) => s.presets);
  const estimated = useWorkbench((s) => s.estimate?.model.layers);
  if (!model) return undefined;
  if ('preset' in model) return presets.find((p) => p.id === model.preset)?.layers;
  return estimated;
}

export function TrainingStep() {
  const task = useWorkbench((s) => s.draft?.task ?? 'classification');
  const schedule = useWorkbench((s) => s.schedule);
  const scheduleError = useWorkbench((s) => s.scheduleError);
  const resetTrainingSettings = useWorkbench((s) => s.resetTrainingSettings);
  const numLayers = useNumLayers();
  return (
    <div className="step-body">
      <div className="training-grid">
        <div className="settings">
          {fieldsOf('common', task).map((name) => (
            <SettingField key={name} name={name} />
          ))}
          <button type="button" className="linkish" onClick={resetTrainingSettings}>
            Reset all settings to the defaults
          </button>
        </div>
        <div className="training-side">
          <h3>Learning rate schedule</h3>
          {schedule ? <ScheduleChart schedule={schedule} /> : scheduleError ? <ErrorNote message={scheduleError} /> : <p className="empty">Choose data first: the schedule depends on its size.</p>}
          <h3>Layers</h3>
          {numLayers !== undefined ? (
            <LayerDiagram numLayers={numLayers} />
          ) : (
            <p className="hint">The diagram appears once the service has read the checkpoint's config (choose the data first).</p>
          )}
        </div>
      </div>
      <details className="advanced" data-testid="advanced">
        <summary>Advanced: every other setting</summary>
        {ADVANCED.map((group) => (
          <fieldset key={group} className="settings-group">
            <legend>{GROUP_TITLES[group]}</legend>
            <div className="settings">
              {fieldsOf(group, task).map((name) => (
                <SettingField key={name} name={name} />
              ))}
            </div>
          </fieldset>
        ))}
      </details>
    </div>
  );
}
