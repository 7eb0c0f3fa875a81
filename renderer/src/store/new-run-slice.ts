// The New run form: a draft run config built step by step, with the service's previews of
// what it would do (learning-rate schedule, memory and time) and the create action.
import type { StateCreator } from 'zustand';
import { TASK_METRICS, type RunEstimate, type RunRecord, type SchedulePreview, type TaskKind, type TrainingDefaults, type TrainingSettings } from '../../../electron/contract';
import { errorMessage } from '../lib/errors';
import type { FreezeSettings } from '../lib/layers';
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
  /** "Copy settings from …": another run's training settings, keeping the draft's task, data and model. */
  copySettingsFrom(run: RunRecord): void;
  /** A new form on the defaults (after a run is created, settings do not carry over to the next one). */
  startFreshDraft(): void;
  refreshPreviews(numExamples: number): Promise<void>;
  submitDraft(): Promise<RunRecord | null>;
}

function freshDraft(defaults: TrainingDefaults): RunDraft {
  return { name: '', task: 'classification', data: null, model: { preset: 'bert-tiny' }, training: taskDefaults(defaults, 'classification') };
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
    async refreshPreviews(numExamples) {
      const { client, draft, trainingDefaults } = get();
      if (!client || !draft || !trainingDefaults || !draft.data) return;
      const generation = ++previewGeneration;
      const config = draftToConfig(draft, trainingDefaults) as unknown as Record<string, unknown>;
      const [schedule, estimate] = await Promise.allSettled([
        client.call('training.schedule', { config, numExamples }),
        client.call('training.estimate', { config, numExamples }),
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
        const run = await get().createRun(draftToConfig(draft, trainingDefaults), draft.name.trim() || undefined);
        set({ creating: false });
        // The next new run starts from the defaults, or from settings the person copies on purpose.
        get().startFreshDraft();
        return run;
      } catch (error) {
        set({ creating: false, createError: errorMessage(error, 'Could not create the run') });
        return null;
      }
    },
  };
};
