// "Fine-tune from this run": a new run whose starting model is a pre-training run's final
// model folder (its encoder kept, a new head for the task), and the comparison run that
// shows what the pre-training bought: the same fine-tune from the pre-training run's own
// starting point (a preset's random weights, or the checkpoint it continued from).
import type { RunRecord, TrainingDefaults } from '../../../electron/contract';
import { draftFromConfig, draftToConfig, taskDefaults, type ModelChoice, type RunDraft } from './run-config';

export interface FineTuneOrigin {
  runId: string;
  runName: string;
  /** Where the pre-training run started: the model of the comparison run. */
  baseline: ModelChoice;
  /** Also create the comparison run when this one is created. */
  compare: boolean;
}

type Defaults = Pick<TrainingDefaults, 'settings' | 'taskDefaults'>;

/** A classification draft starting from `checkpoint`, the pre-training run's final model; the person picks task and data next. */
export function fineTuneDraft(run: Pick<RunRecord, 'id' | 'name' | 'config'>, checkpoint: string, defaults: Defaults): RunDraft & { fineTuneOf: FineTuneOrigin } {
  const pretraining = draftFromConfig(run.config, defaults);
  return {
    name: `${run.name} → fine-tune`,
    task: 'classification',
    data: null,
    model: { checkpoint },
    training: taskDefaults(defaults, 'classification'),
    fineTuneOf: { runId: run.id, runName: run.name, baseline: pretraining.model, compare: true },
  };
}

/** The comparison run: the same config with the pre-training run's starting model instead. */
export function baselineConfig(draft: RunDraft, origin: FineTuneOrigin, defaults: Defaults) {
  return draftToConfig({ ...draft, model: origin.baseline }, defaults);
}

