// The run config: one JSON document that says everything about a training run, the same
// for the app (stored in run.json), `bert-workbench train --config` and scripts:
//
//   {"task": "classification" | "ner" | "qa" | "mlm" (domain pre-training; "pretraining" is accepted too),
//    "model": {"hub": "google/bert_uncased_L-2_H-128_A-2", "revision": "main"?}
//           | {"checkpoint": "path/to/hf-folder"} | {"preset": "bert-tiny"},
//    "data": {"train": "…", "validation": "…"?, "format": "csv|tsv|jsonl|conll|squad|text|features"?, "labels": [...]?,
//             "columns": {"text": "…", "label": "…", …}?, "label_names": {"0": "negative", …}?  (run-data.ts)},
//    "training": {TrainingArguments names, see settings.ts},
//    "distillation": {"teacher": "finished-run-folder", "temperature": 2, "alpha": 0.5}?  (distillation-config.ts)
//    "output_dir": "…"?, "name": "…"?}
//
// Parsing fills every default, so a parsed config written back is complete and reads back
// the same. Paths are resolved by the caller's `resolvePath` (run-config-node.ts resolves
// them against the config file's folder). Every error names its field.
import { DEFAULT_REVISION, HubError, validateRepoId, validateRevision } from '../hub/hub';
import { isPresetName, PRESET_NAMES, type PresetName } from '../model/config';
import type { HeadName } from '../model/layout';
import { parseDistillation, type DistillationSettings } from './distillation-config';
import { parseTrainingSettings, TrainingSettingsError, type SettingsIssue, type TrainingSettings } from './settings';
import { parseDataColumns, parseLabelNames, type DataColumns } from './run-data';

export const RUN_TASKS = ['classification', 'ner', 'qa', 'mlm'] as const;
export type RunTask = (typeof RUN_TASKS)[number];

/** Other names a config may give a task by: "pretraining" is what the task does beyond MLM (next-sentence prediction too). */
const TASK_ALIASES: Readonly<Record<string, RunTask>> = { pretraining: 'mlm' };

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
  // A plain-text corpus, or the text column of a table (SST-2's sentences without their labels).
  mlm: ['text', 'csv', 'tsv', 'jsonl', 'features'],
};

/** Where a task's defaults differ from the training defaults (run_qa.py's 384 / 128 windows). */
export const TASK_TRAINING_DEFAULTS: Readonly<Record<RunTask, Partial<TrainingSettings>>> = {
  classification: {},
  ner: {},
  qa: { max_seq_length: 384, doc_stride: 128 },
  mlm: {},
};

/**
 * Where a run's weights come from:
 * - `hub`: a Hugging Face Hub model at a revision (branch, tag or commit; default main),
 *   taken from Hugging Face's cache, downloaded into it when missing;
 * - `checkpoint`: a Hugging Face folder on this machine;
 * - `preset`: an architecture only, randomly initialised (seeded by training.seed), for
 *   pre-training from scratch.
 */
export type ModelSource = HubModelSource | { checkpoint: string } | { preset: PresetName };
export interface HubModelSource {
  hub: string;
  revision: string;
}

/** Where a run's weights came from, as run.json (`weights_from`), the run page, Compare and the model card state it. */
export type WeightsProvenance =
  /** A Hub model at the commit its revision resolved to. */
  | { source: 'hub'; id: string; revision: string; commit: string }
  /** A folder on this machine, with a digest of its model files (config, weights, tokenizer). */
  | { source: 'folder'; path: string; sha256: string }
  /** No pretrained weights: a preset's architecture, initialised from the seed. */
  | { source: 'random'; preset: PresetName; seed: number };

export const MODEL_SOURCE_KINDS = ['hub', 'checkpoint', 'preset'] as const;

export interface RunData {
  train: string;
  validation?: string;
  /** Default: guessed from the file (features must be stated). */
  format?: DataFormat;
  /** Label names in id order, for `features` data whose labels are ids (default: the checkpoint's id2label). */
  labels?: string[];
  /** Which columns hold the text, pair, label (or tokens, tags); the rest are guessed. */
  columns?: DataColumns;
  /** Classification labels as the file writes them → the names the model gets. */
  label_names?: Record<string, string>;
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
const DATA_KEYS = ['train', 'validation', 'format', 'labels', 'columns', 'label_names'];

export function parseRunConfig(input: unknown, options: ParseRunConfigOptions = {}): RunConfig {
  const resolve = options.resolvePath ?? ((p: string) => p);
  const issues: RunConfigIssue[] = [];
  const problem = (field: string, text: string) => issues.push({ field, message: `${field}: ${text}` });
  if (!isObject(input)) throw new RunConfigError([{ field: '', message: `a run config must be a JSON object, got ${show(input)}` }]);

  unknownKeys(input, TOP_LEVEL_KEYS, '', problem);
  const task = typeof input.task === 'string' && Object.hasOwn(TASK_ALIASES, input.task) ? TASK_ALIASES[input.task] : input.task;
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
  const expected = 'give {"hub": "google/bert_uncased_L-2_H-128_A-2"}, {"checkpoint": "path/to/hf-folder"} or {"preset": "bert-tiny"}';
  if (!isObject(value)) return void problem('model', value === undefined ? `missing; ${expected}` : `must be an object; ${expected}`);
  unknownKeys(value, [...MODEL_SOURCE_KINDS, 'revision'], 'model', problem);
  const kinds = MODEL_SOURCE_KINDS.filter((kind) => kind in value);
  if (kinds.length > 1) return void problem('model', `has both ${kinds.join(' and ')}; ${expected}`);
  if ('revision' in value && !('hub' in value)) return void problem('model.revision', 'belongs to a Hub model ({"hub": ID, "revision": R})');
  if ('hub' in value) return parseHubSource(value, problem);
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

/** A run config's `model` alone (the model picker's value), every problem named as in a whole config. */
export function parseModelSource(value: unknown, options: ParseRunConfigOptions = {}): ModelSource {
  const issues: RunConfigIssue[] = [];
  const model = parseModel(value, options.resolvePath ?? ((p) => p), (field, text) => issues.push({ field, message: `${field}: ${text}` }));
  if (!model || issues.length > 0) throw new RunConfigError(issues);
  return model;
}

function parseHubSource(value: Record<string, unknown>, problem: Problem): HubModelSource | undefined {
  const { hub, revision = DEFAULT_REVISION } = value;
  if (typeof hub !== 'string') return void problem('model.hub', `must be a Hugging Face model id like "google-bert/bert-base-uncased", got ${show(hub)}`);
  if (typeof revision !== 'string') return void problem('model.revision', `must be a branch, tag or commit, got ${show(revision)}`);
  try {
    return { hub: validateRepoId(hub), revision: validateRevision(revision) };
  } catch (error) {
    if (!(error instanceof HubError)) throw error;
    return void problem(error.kind === 'invalid-id' ? 'model.hub' : 'model.revision', error.message);
  }
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
  const columns = parseDataColumns(value.columns, task, problem);
  if (columns !== undefined) data.columns = columns;
  const labelNames = parseLabelNames(value.label_names, task, problem);
  if (labelNames !== undefined) data.label_names = labelNames;
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

/** A model source in a few words: "bert-tiny", "bert_uncased_L-2_H-128_A-2", "my-checkpoint". */
export function modelSourceName(model: ModelSource): string {
  if ('preset' in model) return model.preset;
  if ('hub' in model) return model.hub.split('/').at(-1) ?? model.hub;
  return model.checkpoint.split(/[\\/]/).filter(Boolean).at(-1) ?? 'checkpoint';
}

/** The default run name: "classification · bert-tiny" or "ner · my-checkpoint". */
export function defaultRunName(config: Pick<RunConfig, 'task' | 'model'>): string {
  return `${config.task} · ${modelSourceName(config.model)}`;
}
