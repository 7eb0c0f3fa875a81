// The run config: one JSON document that says everything about a training run, the same
// for the app (stored in run.json), `bert-workbench train --config` and scripts:
//
//   {"task": "classification" | "ner" | "qa" | "mlm",
//    "model": {"checkpoint": "path/to/hf-folder"} | {"preset": "bert-tiny"},
//    "data": {"train": "…", "validation": "…"?, "format": "csv|tsv|jsonl|conll|squad|text|features"?, "labels": [...]?},
//    "training": {TrainingArguments names, see settings.ts},
//    "distillation": {"teacher": "finished-run-folder", "temperature": 2, "alpha": 0.5}?  (distillation-config.ts)
//    "output_dir": "…"?, "name": "…"?}
//
// Parsing fills every default, so a parsed config written back is complete and reads back
// the same. Paths are resolved by the caller's `resolvePath` (run-config-node.ts resolves
// them against the config file's folder). Every error names its field.
import { isPresetName, PRESET_NAMES, type PresetName } from '../model/config';
import type { HeadName } from '../model/layout';
import { parseDistillation, type DistillationSettings } from './distillation-config';
import { parseTrainingSettings, TrainingSettingsError, type SettingsIssue, type TrainingSettings } from './settings';

export const RUN_TASKS = ['classification', 'ner', 'qa', 'mlm'] as const;
export type RunTask = (typeof RUN_TASKS)[number];

/** The head each task trains. */
export const TASK_HEADS: Readonly<Record<RunTask, HeadName>> = {
  classification: 'sequence-classification',
  ner: 'token-classification',
  qa: 'question-answering',
  mlm: 'pretraining',
};

export const DATA_FORMATS = ['csv', 'tsv', 'jsonl', 'conll', 'squad', 'text', 'features'] as const;
export type DataFormat = (typeof DATA_FORMATS)[number];

/** `features`: pre-tokenized JSON lines ({"input_ids", "token_type_ids", "attention_mask", "labels", …}) for any task. */
export const TASK_FORMATS: Readonly<Record<RunTask, readonly DataFormat[]>> = {
  classification: ['csv', 'tsv', 'jsonl', 'features'],
  ner: ['conll', 'jsonl', 'features'],
  qa: ['squad', 'jsonl', 'features'],
  mlm: ['text', 'features'],
};

/** Where a task's defaults differ from the training defaults (run_qa.py's 384 / 128 windows). */
export const TASK_TRAINING_DEFAULTS: Readonly<Record<RunTask, Partial<TrainingSettings>>> = {
  classification: {},
  ner: {},
  qa: { max_seq_length: 384, doc_stride: 128 },
  mlm: {},
};

export type ModelSource = { checkpoint: string } | { preset: PresetName };

export interface RunData {
  train: string;
  validation?: string;
  /** Default: guessed from the file (features must be stated). */
  format?: DataFormat;
  /** Label names in id order, for `features` data whose labels are ids (default: the checkpoint's id2label). */
  labels?: string[];
}

export interface RunConfig {
  /** How the run is listed; default from the task and model. */
  name?: string;
  task: RunTask;
  model: ModelSource;
  data: RunData;
  training: TrainingSettings;
  /** The run folder; default a new folder under the runs folder. */
  output_dir?: string;
  /** Train `model` as the student of a finished model (the teacher). */
  distillation?: DistillationSettings;
}

/** field: e.g. "model.preset", "training.learning_rate"; message: a sentence naming the field. */
export type RunConfigIssue = SettingsIssue;

export class RunConfigError extends Error {
  constructor(readonly issues: RunConfigIssue[]) {
    super(issues.map((issue) => issue.message).join('\n'));
    this.name = 'RunConfigError';
  }
}

export interface ParseRunConfigOptions {
  /** Turns a path as written into the path to use (default: unchanged). */
  resolvePath?: (path: string) => string;
}

const TOP_LEVEL_KEYS = ['name', 'task', 'model', 'data', 'training', 'output_dir', 'distillation'];
const DATA_KEYS = ['train', 'validation', 'format', 'labels'];

export function parseRunConfig(input: unknown, options: ParseRunConfigOptions = {}): RunConfig {
  const resolve = options.resolvePath ?? ((p: string) => p);
  const issues: RunConfigIssue[] = [];
  const problem = (field: string, text: string) => issues.push({ field, message: `${field}: ${text}` });
  if (!isObject(input)) throw new RunConfigError([{ field: '', message: `a run config must be a JSON object, got ${show(input)}` }]);

  unknownKeys(input, TOP_LEVEL_KEYS, '', problem);
  const task = input.task;
  if (!isOneOf(task, RUN_TASKS)) problem('task', `${task === undefined ? 'missing' : `unknown task ${show(task)}`}; one of ${RUN_TASKS.join(', ')}`);
  const model = parseModel(input.model, resolve, problem);
  const data = parseData(input.data, isOneOf(task, RUN_TASKS) ? task : undefined, resolve, problem);
  const training = parseTraining(input.training, isOneOf(task, RUN_TASKS) ? task : undefined, issues);
  const name = optionalString(input, 'name', '', problem);
  const outputDir = optionalString(input, 'output_dir', '', problem);
  const distillation = input.distillation === undefined || input.distillation === null ? undefined : parseDistillation(input.distillation, isOneOf(task, RUN_TASKS) ? task : undefined, resolve, problem);

  if (issues.length > 0) throw new RunConfigError(issues);
  const config: RunConfig = { task: task as RunTask, model: model!, data: data!, training: training! };
  if (name !== undefined) config.name = name;
  if (outputDir !== undefined) config.output_dir = resolve(outputDir);
  if (distillation) config.distillation = distillation;
  return config;
}

type Problem = (field: string, text: string) => void;

function parseModel(value: unknown, resolve: (p: string) => string, problem: Problem): ModelSource | undefined {
  const expected = 'give {"checkpoint": "path/to/hf-folder"} or {"preset": "bert-tiny"}';
  if (!isObject(value)) return void problem('model', value === undefined ? `missing; ${expected}` : `must be an object; ${expected}`);
  unknownKeys(value, ['checkpoint', 'preset'], 'model', problem);
  if ('checkpoint' in value && 'preset' in value) return void problem('model', `has both checkpoint and preset; ${expected}`);
  if ('preset' in value) {
    const preset = value.preset;
    if (typeof preset !== 'string' || !isPresetName(preset)) return void problem('model.preset', `unknown preset ${show(preset)}; one of ${PRESET_NAMES.join(', ')}`);
    return { preset };
  }
  if ('checkpoint' in value) {
    const checkpoint = value.checkpoint;
    if (typeof checkpoint !== 'string' || checkpoint === '') return void problem('model.checkpoint', `must be the path of a Hugging Face checkpoint folder, got ${show(checkpoint)}`);
    return { checkpoint: resolve(checkpoint) };
  }
  return void problem('model', `names no model; ${expected}`);
}

function parseData(value: unknown, task: RunTask | undefined, resolve: (p: string) => string, problem: Problem): RunData | undefined {
  if (!isObject(value)) return void problem('data', value === undefined ? 'missing; give {"train": "path"}' : 'must be an object with train (and validation, format)');
  unknownKeys(value, DATA_KEYS, 'data', problem);
  const train = value.train;
  if (typeof train !== 'string' || train === '') problem('data.train', `must be the path of the training file, got ${show(train)}`);
  const data: RunData = { train: typeof train === 'string' ? resolve(train) : '' };
  const validation = optionalString(value, 'validation', 'data', problem);
  if (validation !== undefined) data.validation = resolve(validation);
  const format = value.format;
  if (format !== undefined) {
    const allowed = task ? TASK_FORMATS[task] : DATA_FORMATS;
    if (!isOneOf(format, allowed)) problem('data.format', `${show(format)} is not a format${task ? ` for ${task}` : ''}; one of ${allowed.join(', ')}`);
    else data.format = format;
  }
  const labels = value.labels;
  if (labels !== undefined) {
    if (!Array.isArray(labels) || labels.length === 0 || !labels.every((l) => typeof l === 'string' && l !== '')) problem('data.labels', 'must be a list of label names in id order');
    else if (new Set(labels).size !== labels.length) problem('data.labels', 'names a label twice');
    else data.labels = labels as string[];
  }
  return data;
}

function parseTraining(value: unknown, task: RunTask | undefined, issues: RunConfigIssue[]): TrainingSettings | undefined {
  if (value !== undefined && !isObject(value)) {
    issues.push({ field: 'training', message: `training: must be an object of training settings, got ${show(value)}` });
    return undefined;
  }
  const given = value ?? {};
  try {
    const settings = parseTrainingSettings({ ...(task ? TASK_TRAINING_DEFAULTS[task] : {}), ...given });
    if (task === 'qa' && settings.doc_stride >= settings.max_seq_length) {
      const message = `training.doc_stride (${settings.doc_stride}) must be smaller than training.max_seq_length (${settings.max_seq_length}) for question answering`;
      issues.push({ field: 'training.doc_stride', message });
    }
    return settings;
  } catch (error) {
    if (!(error instanceof TrainingSettingsError)) throw error;
    // settings.ts already names the field in each message ("training.learning_rate must be > 0, got -1").
    issues.push(...error.issues.map((issue) => ({ field: issue.field ? `training.${issue.field}` : 'training', message: issue.message })));
    return undefined;
  }
}

function unknownKeys(object: Record<string, unknown>, known: readonly string[], prefix: string, problem: Problem): void {
  for (const key of Object.keys(object)) {
    if (!known.includes(key)) problem(prefix ? `${prefix}.${key}` : key, `is not a setting here; one of ${known.join(', ')}`);
  }
}

function optionalString(object: Record<string, unknown>, key: string, prefix: string, problem: Problem): string | undefined {
  const value = object[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string' || value === '') {
    problem(prefix ? `${prefix}.${key}` : key, `must be a non-empty string, got ${show(value)}`);
    return undefined;
  }
  return value;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isOneOf<T extends string>(value: unknown, options: readonly T[]): value is T {
  return typeof value === 'string' && (options as readonly string[]).includes(value);
}

function show(value: unknown): string {
  return value === undefined ? 'nothing' : JSON.stringify(value);
}

/** The default run name: "classification · bert-tiny" or "ner · my-checkpoint". */
export function defaultRunName(config: Pick<RunConfig, 'task' | 'model'>): string {
  const model = 'preset' in config.model ? config.model.preset : config.model.checkpoint.split(/[\\/]/).filter(Boolean).at(-1) ?? 'checkpoint';
  return `${config.task} · ${model}`;
}
