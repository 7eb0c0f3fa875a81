// The last look before starting: what will run, whether it fits, and its config.
import type { RunConfigInput } from '../../../../electron/contract';
import { DataFilesName } from '../data/DatasetName';
import { describeFrozen } from '../../lib/layers';
import { modelLabel } from '../../lib/model-source';
import { changedSettings, taskDefaults } from '../../lib/run-config';
import { useWorkbench } from '../../store';
import { TASK_LABELS } from '../../tasks';
import { ConfigView } from './ConfigView';
import { EstimatePanel } from './EstimatePanel';
import { RandomWeightsWarning } from './RandomWeightsWarning';
import './model/model-step.css';

export function ReviewStep({ config }: { config: RunConfigInput }) {
  const draft = useWorkbench((s) => s.draft);
  const defaults = useWorkbench((s) => s.trainingDefaults);
  const presets = useWorkbench((s) => s.presets);
  const catalogue = useWorkbench((s) => s.catalogue);
  const estimatedLayers = useWorkbench((s) => s.estimate?.model.layers);
  const setDraftName = useWorkbench((s) => s.setDraftName);
  const setFineTuneCompare = useWorkbench((s) => s.setFineTuneCompare);
  if (!draft || !defaults) return null;
  const preset = 'preset' in draft.model ? presets.find((p) => p.id === (draft.model as { preset: string }).preset) : undefined;
  const layers = preset?.layers ?? estimatedLayers;
  const changed = Object.keys(changedSettings(draft.training, taskDefaults(defaults, draft.task)));
  return (
    <div className="step-body review-grid">
      <div>
        <label className="setting">
          <span>Run name</span>
          <input type="text" value={draft.name} onChange={(e) => setDraftName(e.target.value)} placeholder="named by the service when empty" data-testid="run-name" />
        </label>
        <dl className="facts">
          <dt>Task</dt>
          <dd>{TASK_LABELS[draft.task]}</dd>
          <dt>Data</dt>
          <dd>{draft.data ? <DataFilesName train={draft.data.train} validation={draft.data.validation} /> : 'not chosen'}</dd>
          <dt>Model</dt>
          <dd data-testid="review-model">
            {draft.fineTuneOf ? (
              <span data-testid="fine-tune-origin">
                the final model of the pre-training run “{draft.fineTuneOf.runName}” (its encoder; the {TASK_LABELS[draft.task].toLowerCase()} head starts new)
              </span>
            ) : (
              modelLabel(draft.model, catalogue)
            )}
          </dd>
          <dt>Frozen</dt>
          <dd>{layers !== undefined ? describeFrozen(draft.training, layers) : '—'}</dd>
          <dt>Changed settings</dt>
          <dd>{changed.length ? changed.map((k) => <code key={k}>{k} </code>) : 'none: the BERT paper’s defaults'}</dd>
        </dl>
        {draft.fineTuneOf && (
          <label className="checkpoint-row">
            <input type="checkbox" checked={draft.fineTuneOf.compare} onChange={(e) => setFineTuneCompare(e.target.checked)} data-testid="fine-tune-compare" />
            <span>
              Also run the same fine-tune from {modelLabel(draft.fineTuneOf.baseline, catalogue)}, without the pre-training, and compare the two
            </span>
          </label>
        )}
        <RandomWeightsWarning model={draft.model} task={draft.task} />
        <ConfigView config={config} />
      </div>
      <div>
        <h3>Memory and time</h3>
        <EstimatePanel />
      </div>
    </div>
  );
}
