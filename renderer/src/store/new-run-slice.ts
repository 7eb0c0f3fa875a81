// The New run form: a draft run config built step by step, with the service's previews of
// what it would do (learning-rate schedule, memory and time) and the create action.
import type { StateCreator } from 'zustand';
import { DEFAULT_CATALOGUE_ID, TASK_METRICS, type HistogramBin, type RunEstimate, type RunRecord, type SchedulePreview, type TaskKind, type TrainingDefaults, type TrainingSettings } from '../../../electron/contract';
import { errorMessage } from '../lib/errors';
import type { FreezeSettings } from '../lib/layers';
import { baselineConfig, fineTuneDraft } from '../lib/fine-tune';
import { draftFromConfig, draftToConfig, retargetSettings, taskDefaults, updateSetting, type DataChoice, type ModelChoice, type RunDraft } from '../lib/run-config';
import type { WorkbenchState } from './index';

export const WIZARD_STEPS = ['Task', 'Data', 'Model', 'Training', 'Review'] as const;

/** Where the draft's training settings came from: said on the form, never implied. */
export type SettingsOrigin = { from: 'defaults' } | { from: 'run'; runId: string; runName: string };

export interface NewRunSlice {
  trainingDefaults: TrainingDefaults | null;
  defaultsError: string | null;
  draft: RunDraft | null;
  settingsOrigin: SettingsOrigin;
  wizardStep: number;
  schedule: SchedulePreview | null;
  scheduleError: string | null;
  estimate: RunEstimate | null;
  estimateError: string | null;
  creating: boolean;
  createError: string | null;
  loadTrainingDefaults(): Promise<void>;
  setWizardStep(step: number): void;
  setDraftTask(task: TaskKind): void;
  setDraftData(data: DataChoice | null): void;
  setDraftModel(model: ModelChoice): void;
  setDraftName(name: string): void;
  setTrainingSetting<K extends keyof TrainingSettings>(key: K, value: TrainingSettings[K]): void;
  setFreezeSettings(freeze: FreezeSettings): void;
  resetTrainingSettings(): void;
  /** Starts the form on a data set chosen elsewhere (the Datasets page). */
  startRunWithData(task: TaskKind, data: DataChoice): void;
  /** Duplicate-and-edit: the form filled in from a run's config. */
  startRunFromRun(run: RunRecord): void;
  /** "Fine-tune from this run": a new run from a pre-training run's final model; false (with the run's error set) when it has none. */
  startFineTuneFrom(run: RunRecord): Promise<boolean>;
  setFineTuneCompare(compare: boolean): void;
  /** The schedule and the estimate; `lengthHistogram` (the data's token lengths) times dynamic padding. */
  refreshPreviews(numExamples: number, lengthHistogram?: HistogramBin[]): Promise<void>;
  /** Creates and starts the draft's run, and its comparison run when a fine-tune asks for one. */
  submitDraft(): Promise<{ run: RunRecord; baseline?: RunRecord } | null>;
  /** "Copy settings from …": another run's training settings, keeping the draft's task, data and model. */
  copySettingsFrom(run: RunRecord): void;
  /** A new form on the defaults (after a run is created, settings do not carry over to the next one). */
  startFreshDraft(): void;
}

function freshDraft(defaults: TrainingDefaults): RunDraft {
  // Fine-tuning starts from pretrained weights: the default is a catalogue checkpoint, never a random preset.
  return { name: '', task: 'classification', data: null, model: { hub: DEFAULT_CATALOGUE_ID, revision: 'main' }, training: taskDefaults(defaults, 'classification') };
}

export const createNewRunSlice: StateCreator<WorkbenchState, [], [], NewRunSlice> = (set, get) => {
  const edit = (change: (draft: RunDraft) => RunDraft) => {
    const draft = get().draft;
    if (draft) set({ draft: change(draft) });
  };
  // A preview for an older draft must not overwrite a newer one.
  let previewGeneration = 0;

  return {
    trainingDefaults: null,
    defaultsError: null,
    draft: null,
    settingsOrigin: { from: 'defaults' },
    wizardStep: 0,
    schedule: null,
    scheduleError: null,
    estimate: null,
    estimateError: null,
    creating: false,
    createError: null,
    async loadTrainingDefaults() {
      if (get().trainingDefaults) return;
      const client = get().client;
      if (!client) return;
      try {
        const defaults = await client.call('training.defaults');
        set((s) => ({ trainingDefaults: defaults, defaultsError: null, draft: s.draft ?? freshDraft(defaults) }));
      } catch (error) {
        set({ defaultsError: errorMessage(error, 'Could not load the training defaults') });
      }
    },
    setWizardStep: (step) => set({ wizardStep: step }),
    setDraftTask(task) {
      const defaults = get().trainingDefaults;
      edit((d) => {
        if (d.task === task || !defaults) return d;
        const training = retargetSettings(d.training, taskDefaults(defaults, d.task), taskDefaults(defaults, task));
        // A best-model metric the new task does not measure would fail the run at its start.
        if (!TASK_METRICS[task].includes(training.metric_for_best_model.replace(/^eval_/, ''))) Object.assign(training, { metric_for_best_model: 'loss', greater_is_better: false });
        return { ...d, task, data: null, training };
      });
    },
    setDraftData: (data) => edit((d) => ({ ...d, data })),
    setDraftModel: (model) => edit((d) => ({ ...d, model })),
    setDraftName: (name) => edit((d) => ({ ...d, name })),
    setTrainingSetting: (key, value) => edit((d) => ({ ...d, training: updateSetting(d.training, key, value) })),
    setFreezeSettings: (freeze) => edit((d) => ({ ...d, training: { ...d.training, ...freeze } })),
    resetTrainingSettings() {
      const defaults = get().trainingDefaults;
      if (defaults) edit((d) => ({ ...d, training: taskDefaults(defaults, d.task) }));
      set({ settingsOrigin: { from: 'defaults' } });
    },
    copySettingsFrom(run) {
      const defaults = get().trainingDefaults;
      const draft = get().draft;
      if (!defaults || !draft) return;
      const source = draftFromConfig(run.config, defaults);
      const training = source.task === draft.task ? source.training : retargetSettings(source.training, taskDefaults(defaults, source.task), taskDefaults(defaults, draft.task));
      set({ draft: { ...draft, training }, settingsOrigin: { from: 'run', runId: run.id, runName: run.name } });
    },
    startFreshDraft() {
      const defaults = get().trainingDefaults;
      if (defaults) set({ draft: freshDraft(defaults), settingsOrigin: { from: 'defaults' }, wizardStep: 0, createError: null, schedule: null, estimate: null });
    },
    startRunWithData(task, data) {
      const defaults = get().trainingDefaults;
      const base = get().draft ?? (defaults ? freshDraft(defaults) : null);
      if (base && defaults) {
        const training = base.task === task ? base.training : retargetSettings(base.training, taskDefaults(defaults, base.task), taskDefaults(defaults, task));
        set({ draft: { ...base, task, data, training } });
      }
      set({ wizardStep: 2, createError: null });
    },
    startRunFromRun(run) {
      const defaults = get().trainingDefaults;
      if (!defaults) return;
      set({ draft: draftFromConfig(run.config, defaults, `${run.name} (edited)`), settingsOrigin: { from: 'run', runId: run.id, runName: run.name }, wizardStep: 3, createError: null });
    },
    async startFineTuneFrom(run) {
      const { client, trainingDefaults } = get();
      if (!client || !trainingDefaults) return false;
      try {
        const { checkpoint } = await client.call('runs.modelSource', { id: run.id });
        set({ draft: fineTuneDraft(run, checkpoint, trainingDefaults), wizardStep: 0, createError: null });
        return true;
      } catch (error) {
        set((s) => ({ runErrors: { ...s.runErrors, [run.id]: errorMessage(error, 'Could not fine-tune from this run') } }));
        return false;
      }
    },
    setFineTuneCompare: (compare) => edit((d) => (d.fineTuneOf ? { ...d, fineTuneOf: { ...d.fineTuneOf, compare } } : d)),
    async refreshPreviews(numExamples, lengthHistogram) {
      const { client, draft, trainingDefaults } = get();
      if (!client || !draft || !trainingDefaults || !draft.data) return;
      const generation = ++previewGeneration;
      const config = draftToConfig(draft, trainingDefaults);
      const [schedule, estimate] = await Promise.allSettled([
        client.call('training.schedule', { config, numExamples }),
        client.call('training.estimate', { config, numExamples, ...(lengthHistogram ? { lengthHistogram } : {}) }),
      ]);
      if (generation !== previewGeneration) return;
      set({
        schedule: schedule.status === 'fulfilled' ? schedule.value : null,
        scheduleError: schedule.status === 'rejected' ? errorMessage(schedule.reason, 'No schedule preview') : null,
        estimate: estimate.status === 'fulfilled' ? estimate.value : null,
        estimateError: estimate.status === 'rejected' ? errorMessage(estimate.reason, 'No estimate') : null,
      });
    },
    async submitDraft() {
      const { draft, trainingDefaults } = get();
      if (!draft || !trainingDefaults) return null;
      set({ creating: true, createError: null });
      try {
        const name = draft.name.trim() || undefined;
        const run = await get().createRun(draftToConfig(draft, trainingDefaults), name);
        const origin = draft.fineTuneOf;
        // Queued behind the fine-tune: one run trains at a time.
        const baseline = origin?.compare ? await get().createRun(baselineConfig(draft, origin, trainingDefaults), `${name ?? run.name} (baseline: without pre-training)`) : undefined;
        set({ creating: false });
        // The next new run starts from the defaults, or from settings the person copies on purpose.
        get().startFreshDraft();
        return baseline ? { run, baseline } : { run };
      } catch (error) {
        set({ creating: false, createError: errorMessage(error, 'Could not create the run') });
        return null;
      }
    },
  };
};
