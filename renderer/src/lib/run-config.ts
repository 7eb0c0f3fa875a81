// The New run form's state and the run config it stands for: the exact JSON that
// `runs.create` receives and `bert-workbench train --config` takes. Training settings go
// in only where they differ from the task's defaults, as a person would write the file by
// hand; the core fills in the rest (and derives greater_is_better from the metric, as Trainer).
import { DEFAULT_CATALOGUE_ID, RUN_TASKS, type DataColumns, type RunConfigInput, type RunTask, type TaskKind, type TrainingDefaults, type TrainingSettings } from '../../../electron/contract';
import type { FineTuneOrigin } from './fine-tune';

export interface DataChoice {
  train: string;
  validation?: string;
  /** data.columns: which columns hold the text, pair and label (or tokens and tags). */
  columns?: DataColumns;
  /** data.label_names: labels as the file writes them → the names the model gets. */
  label_names?: Record<string, string>;
}

export type ModelChoice = RunConfigInput['model'];
export type PresetName = Extract<ModelChoice, { preset: unknown }>['preset'];

/** The training defaults of a task: the general ones with the task's own on top (QA: 384-token windows). */
export function taskDefaults(defaults: Pick<TrainingDefaults, 'settings' | 'taskDefaults'>, task: RunTask): TrainingSettings {
  return { ...defaults.settings, ...(defaults.taskDefaults?.[task] ?? {}) };
}

/** Switching task: settings still at the old task's defaults take the new task's; the person's changes stay. */
export function retargetSettings(settings: TrainingSettings, from: TrainingSettings, to: TrainingSettings): TrainingSettings {
  const next = { ...settings };
  for (const key of Object.keys(to) as (keyof TrainingSettings)[]) {
    if (sameValue(settings[key], from[key])) (next as Record<string, unknown>)[key] = to[key];
  }
  return next;
}

export interface RunDraft {
  name: string;
  task: TaskKind;
  data: DataChoice | null;
  model: ModelChoice;
  training: TrainingSettings;
  /** Set by "Fine-tune from this run": the pre-training run the model comes from (lib/fine-tune.ts). */
  fineTuneOf?: FineTuneOrigin;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

export function changedSettings(settings: TrainingSettings, defaults: TrainingSettings): Partial<TrainingSettings> {
  const out: Partial<TrainingSettings> = {};
  for (const key of Object.keys(settings) as (keyof TrainingSettings)[]) {
    if (!sameValue(settings[key], defaults[key])) (out as Record<string, unknown>)[key] = settings[key];
  }
  return out;
}

type Defaults = Pick<TrainingDefaults, 'settings' | 'taskDefaults'>;

export function draftToConfig(draft: RunDraft, defaults: Defaults): RunConfigInput {
  const data: RunConfigInput['data'] = { train: draft.data?.train ?? '' };
  if (draft.data?.validation) data.validation = draft.data.validation;
  if (draft.data?.columns && Object.keys(draft.data.columns).length > 0) data.columns = draft.data.columns;
  if (draft.data?.label_names && Object.keys(draft.data.label_names).length > 0) data.label_names = draft.data.label_names;
  return { task: draft.task, model: draft.model, data, training: changedSettings(draft.training, taskDefaults(defaults, draft.task)) };
}

/** The core's other names for a task (run-config.ts): a pasted config may use them. */
const TASK_ALIASES: Readonly<Record<string, TaskKind>> = { pretraining: 'mlm' };

function taskOf(value: unknown): TaskKind {
  if (typeof value !== 'string') return 'classification';
  if (Object.hasOwn(TASK_ALIASES, value)) return TASK_ALIASES[value]!;
  return RUN_TASKS.includes(value as TaskKind) ? (value as TaskKind) : 'classification';
}

/** A run's config back into the form (duplicate-and-edit). Unknown training keys are dropped: the form shows every known one. */
export function draftFromConfig(config: Record<string, unknown>, defaults: Defaults, name = ''): RunDraft {
  const task = taskOf(config.task);
  const model = (config.model ?? {}) as Record<string, unknown>;
  const data = (config.data ?? {}) as Record<string, unknown>;
  const training = { ...((config.training ?? {}) as Record<string, unknown>) };
  if ('per_device_train_batch_size' in training && !('batch_size' in training)) training.batch_size = training.per_device_train_batch_size;
  const settings: Record<string, unknown> = { ...taskDefaults(defaults, task) };
  for (const key of Object.keys(settings)) if (key in training) settings[key] = training[key];
  return {
    name,
    task,
    data: typeof data.train === 'string' && data.train ? dataChoiceOf(data as Record<string, unknown> & { train: string }) : null,
    model: modelFromConfig(model),
    training: settings as unknown as TrainingSettings,
  };
}

/** A stored config's data back into the form's choice (files, columns, label names). */
function dataChoiceOf(data: Record<string, unknown> & { train: string }): DataChoice {
  const choice: DataChoice = { train: data.train };
  if (typeof data.validation === 'string') choice.validation = data.validation;
  if (isObject(data.columns)) choice.columns = data.columns as DataColumns;
  if (isObject(data.label_names)) choice.label_names = data.label_names as Record<string, string>;
  return choice;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A run config's model back into the form: a Hub model with its revision, a folder, or a preset (the catalogue default when it names none). */
function modelFromConfig(model: Record<string, unknown>): ModelChoice {
  if (typeof model.hub === 'string') return { hub: model.hub, revision: typeof model.revision === 'string' ? model.revision : 'main' };
  if (typeof model.checkpoint === 'string') return { checkpoint: model.checkpoint };
  if (typeof model.preset === 'string') return { preset: model.preset as PresetName };
  return { hub: DEFAULT_CATALOGUE_ID, revision: 'main' };
}

/** Trainer's rule, as the core applies it: higher is better unless the metric is a loss. */
export function greaterIsBetter(metric: string): boolean {
  return !metric.endsWith('loss');
}

/** Sets one setting; greater_is_better follows the metric unless the person changed it away from what the metric implies. */
export function updateSetting<K extends keyof TrainingSettings>(settings: TrainingSettings, key: K, value: TrainingSettings[K]): TrainingSettings {
  const next = { ...settings, [key]: value };
  if (key === 'metric_for_best_model' && settings.greater_is_better === greaterIsBetter(settings.metric_for_best_model)) {
    next.greater_is_better = greaterIsBetter(value as string);
  }
  return next;
}

/** Examples the schedule and estimate count: QA trains on windows (features), not questions. */
export function trainingExamples(stats: { examples?: number; sentences?: number; questions?: number; windows?: number }): number {
  return stats.windows ?? stats.examples ?? stats.sentences ?? stats.questions ?? 0;
}
