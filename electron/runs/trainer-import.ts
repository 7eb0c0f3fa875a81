// Importing a Transformers Trainer output_dir as a run, so its curves sit beside the app's:
// trainer_state.json's log_history becomes metrics.jsonl row for row (the app's metrics use
// the same keys), what trainer_state.json and config.json say becomes run.json, and the
// final model, when the folder has one, becomes the run's model/ (so it can be exported).
// Only the last checkpoint-*/trainer_state.json is read when the folder has no state of its
// own (a run that stopped before trainer.save_state()).
import { existsSync } from 'node:fs';
import { chmod, copyFile, mkdir, readdir, readFile, stat } from 'node:fs/promises';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../../core/io/private-modes';
import path from 'node:path';
import { headForArchitectures } from '../../core/model/architectures';
import type { HeadName } from '../../core/model/layout';
import type { MetricsRow, RunRecord, RunTask } from '../contract';
import type { RunStore } from './run-store';

export class TrainerImportError extends Error {
  override name = 'TrainerImportError';
}

export interface TrainerImportOptions {
  /** Default: the folder's name. */
  name?: string;
  /** Copy the folder's final model into the run's model/ (default true). */
  copyModel?: boolean;
}

export interface TrainerImport {
  run: RunRecord;
  /** The trainer_state.json read. */
  stateFile: string;
  metricsRows: number;
  /** The model files copied into model/ (empty when the folder has no final model). */
  modelFiles: string[];
  warnings: string[];
}

/** trainer_state.json as Trainer writes it (TrainerState); only the fields read here. */
interface TrainerState {
  log_history?: Record<string, unknown>[];
  global_step?: number;
  max_steps?: number;
  epoch?: number;
  num_train_epochs?: number;
  train_batch_size?: number;
  logging_steps?: number;
  eval_steps?: number;
  save_steps?: number;
  best_metric?: number | null;
  best_global_step?: number | null;
  best_model_checkpoint?: string | null;
  stateful_callbacks?: Record<string, { args?: Record<string, unknown> }>;
}

const STATE_FILE = 'trainer_state.json';
const TASK_OF_HEAD: Record<HeadName, RunTask> = {
  'sequence-classification': 'classification',
  'token-classification': 'ner',
  'question-answering': 'qa',
  pretraining: 'mlm',
};
const MODEL_FILES = ['config.json', 'model.safetensors', 'pytorch_model.bin', 'vocab.txt', 'tokenizer_config.json', 'special_tokens_map.json'];
const EVAL_BOOKKEEPING = new Set(['eval_runtime', 'eval_samples_per_second', 'eval_steps_per_second']);

async function readJson<T>(file: string): Promise<T> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    throw new TrainerImportError(`${file} is not readable JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
}

async function readOptionalJson<T>(file: string): Promise<T | undefined> {
  return existsSync(file) ? readJson<T>(file) : undefined;
}

/** trainer_state.json of the folder, else of its latest checkpoint-N. */
async function findState(dir: string): Promise<string> {
  const own = path.join(dir, STATE_FILE);
  if (existsSync(own)) return own;
  if (!existsSync(dir)) throw new TrainerImportError(`${dir} does not exist`);
  const checkpoints = (await readdir(dir))
    .map((name) => ({ name, step: /^checkpoint-(\d+)$/.exec(name)?.[1] }))
    .filter((c) => c.step !== undefined && existsSync(path.join(dir, c.name, STATE_FILE)))
    .sort((a, b) => Number(b.step) - Number(a.step));
  if (checkpoints.length === 0) throw new TrainerImportError(`${dir} has no ${STATE_FILE} (nor checkpoint-*/${STATE_FILE}): is it a Transformers Trainer output_dir?`);
  return path.join(dir, checkpoints[0]!.name, STATE_FILE);
}

/** A log_history entry as a metrics row: its numbers, as they are. */
function metricsRow(entry: Record<string, unknown>): MetricsRow | undefined {
  if (typeof entry.step !== 'number') return undefined;
  const row: MetricsRow = { step: entry.step, epoch: typeof entry.epoch === 'number' ? entry.epoch : 0 };
  for (const [key, value] of Object.entries(entry)) if (typeof value === 'number') row[key] = value;
  return row;
}

function evalMetrics(row: MetricsRow | Record<string, unknown>): Record<string, number> {
  return Object.fromEntries(Object.entries(row).filter(([k, v]) => k.startsWith('eval_') && !EVAL_BOOKKEEPING.has(k) && typeof v === 'number')) as Record<string, number>;
}

/** Which metric best_metric is: the eval_* value equal to it at the best step (Trainer does not store the name). */
function bestMetricOf(state: TrainerState, rows: MetricsRow[]): RunRecord['best_metric'] {
  if (typeof state.best_metric !== 'number') return undefined;
  const fromCheckpoint = /checkpoint-(\d+)\/?$/.exec(state.best_model_checkpoint ?? '')?.[1];
  const step = state.best_global_step ?? (fromCheckpoint ? Number(fromCheckpoint) : undefined);
  const candidates = rows.filter((row) => step === undefined || row.step === step);
  for (const row of candidates) {
    const name = Object.keys(evalMetrics(row)).find((key) => row[key] === state.best_metric);
    if (name) return { name, value: state.best_metric, step: row.step };
  }
  return step === undefined ? undefined : { name: 'best_metric', value: state.best_metric, step };
}

function trainingSettings(state: TrainerState): Record<string, unknown> {
  const settings: Record<string, unknown> = {};
  const copy = (from: keyof TrainerState, to: string) => {
    if (typeof state[from] === 'number') settings[to] = state[from];
  };
  copy('num_train_epochs', 'num_train_epochs');
  copy('max_steps', 'max_steps');
  copy('train_batch_size', 'batch_size');
  copy('logging_steps', 'logging_steps');
  copy('eval_steps', 'eval_steps');
  copy('save_steps', 'save_steps');
  const patience = state.stateful_callbacks?.EarlyStoppingCallback?.args?.early_stopping_patience;
  if (typeof patience === 'number') settings.early_stopping_patience = patience;
  return settings;
}

async function copyModel(from: string, to: string): Promise<string[]> {
  const present = MODEL_FILES.filter((f) => existsSync(path.join(from, f)));
  if (!present.includes('config.json') || !(present.includes('model.safetensors') || present.includes('pytorch_model.bin'))) return [];
  await mkdir(to, { recursive: true, mode: PRIVATE_DIR_MODE });
  // config.json last: a folder with a config is a complete checkpoint.
  for (const file of [...present.filter((f) => f !== 'config.json'), 'config.json']) {
    await copyFile(path.join(from, file), path.join(to, file));
    await chmod(path.join(to, file), PRIVATE_FILE_MODE); // a copy keeps the source's mode
  }
  return present;
}

export async function importTrainerRun(store: RunStore, trainerDir: string, options: TrainerImportOptions = {}): Promise<TrainerImport> {
  const dir = path.resolve(trainerDir);
  const stateFile = await findState(dir);
  const state = await readJson<TrainerState>(stateFile);
  if (!Array.isArray(state.log_history)) throw new TrainerImportError(`${stateFile} has no log_history`);
  const warnings: string[] = [];
  if (path.dirname(stateFile) !== dir) warnings.push(`${dir} has no ${STATE_FILE} of its own; read ${path.relative(dir, stateFile)}, the latest checkpoint's`);

  const rows = state.log_history.map(metricsRow).filter((row): row is MetricsRow => row !== undefined);
  const modelConfig =
    (await readOptionalJson<Record<string, unknown>>(path.join(dir, 'config.json'))) ?? (await readOptionalJson<Record<string, unknown>>(path.join(path.dirname(stateFile), 'config.json')));
  const head = headForArchitectures(modelConfig?.architectures as string[] | undefined);
  const baseModel = typeof modelConfig?._name_or_path === 'string' && modelConfig._name_or_path !== '' ? modelConfig._name_or_path : undefined;
  const labels = modelConfig?.id2label as Record<string, string> | undefined;

  const config: Record<string, unknown> = {
    ...(head ? { task: TASK_OF_HEAD[head] } : {}),
    ...(baseModel ? { model: { checkpoint: baseModel } } : {}),
    training: trainingSettings(state),
    source: {
      kind: 'transformers-trainer',
      path: dir,
      trainer_state: path.relative(dir, stateFile),
      ...(modelConfig?.architectures ? { architectures: modelConfig.architectures } : {}),
      ...(labels ? { labels: Object.keys(labels).sort((a, b) => Number(a) - Number(b)).map((id) => labels[id]) } : {}),
      ...(typeof modelConfig?.num_hidden_layers === 'number' ? { num_hidden_layers: modelConfig.num_hidden_layers, hidden_size: modelConfig.hidden_size } : {}),
    },
  };

  const finalRow = [...rows].reverse().find((row) => typeof row.train_runtime === 'number');
  const lastEval = [...rows].reverse().find((row) => Object.keys(evalMetrics(row)).length > 0);
  const evalResults = await readOptionalJson<Record<string, unknown>>(path.join(dir, 'eval_results.json'));
  const finalMetrics = evalResults && Object.keys(evalMetrics(evalResults)).length > 0 ? evalMetrics(evalResults) : lastEval ? evalMetrics(lastEval) : undefined;
  const bestMetric = bestMetricOf(state, rows);
  const finishedAt = (await stat(stateFile)).mtime.toISOString();
  const lastStep = state.global_step ?? rows[rows.length - 1]?.step ?? 0;

  const created = await store.create({ name: options.name ?? path.basename(dir), config, origin: 'import' });
  const run: RunRecord = {
    ...created,
    status: 'completed',
    finished_at: finishedAt,
    progress: { step: lastStep, total_steps: state.max_steps ?? lastStep, epoch: state.epoch ?? rows[rows.length - 1]?.epoch ?? 0 },
    ...(finalRow ? { train_seconds: finalRow.train_runtime as number } : {}),
    ...(finalMetrics ? { final_metrics: finalMetrics } : {}),
    ...(bestMetric ? { best_metric: bestMetric } : {}),
  };
  await store.appendMetrics(run.id, rows);
  const modelFiles = options.copyModel === false ? [] : await copyModel(dir, path.join(store.dir(run.id), 'model'));
  await store.write(run);
  return { run, stateFile, metricsRows: rows.length, modelFiles, warnings };
}
