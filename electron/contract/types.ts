// Plain data types that cross the service boundary (no classes, no tensors).
import type { GpuAdapter } from '../../core/backend/select';
export type { GpuAdapter };

export type AppMode = 'electron' | 'browser';

export interface BackendInfo {
  /** e.g. "wasm", "tensorflow-gpu"; null when no backend could be loaded. */
  name: string | null;
  description: string;
  /** Why this backend runs, or why none does. */
  reason: string;
  /** The GPU it runs on, for WebGPU (the description names it too). */
  adapter?: GpuAdapter;
}

export interface SystemInfo {
  app: { name: string; version: string; mode: AppMode };
  backend: BackendInfo;
  platform: string;
  arch: string;
  cpu: { model: string; cores: number };
  memory: { totalBytes: number; freeBytes: number };
  node: string;
}

export type { PresetName } from '../../core/model/config';
import type { PresetName } from '../../core/model/config';

export interface PresetInfo {
  id: PresetName;
  layers: number;
  hiddenSize: number;
  heads: number;
  intermediateSize: number;
  /** Encoder with pooler, computed by the core from the config. */
  parameters: number;
  description: string;
}

export type TaskKind = 'classification' | 'ner' | 'qa';

export interface SampleInfo {
  id: string;
  task: TaskKind;
  name: string;
  description: string;
  /** Split name → absolute path of the file (what a run config's `data` takes). */
  files: Record<string, string>;
  /** Split name → number of examples. */
  counts: Record<string, number>;
}

export const RUN_STATUSES = ['created', 'queued', 'running', 'completed', 'failed', 'cancelled', 'interrupted'] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

/** One line of metrics.jsonl, under Transformers Trainer's `log_history` keys. */
export interface MetricsRow {
  step: number;
  epoch: number;
  /** Seconds since the run (first) started, for wall-time axes. */
  elapsed_s?: number;
  loss?: number;
  learning_rate?: number;
  grad_norm?: number;
  samples_per_second?: number;
  eval_loss?: number;
  /** eval_accuracy, eval_f1, eval_exact_match, … */
  [key: string]: number | undefined;
}

export interface RunCheckpointRef {
  step: number;
  /** Relative to the run folder, e.g. "checkpoints/step-40". */
  path: string;
}

/** run.json: everything about a run except its metrics, checkpoints and model files. */
export interface RunRecord {
  id: string;
  name: string;
  status: RunStatus;
  /** The training config (the JSON `bert-workbench train --config` takes). */
  config: Record<string, unknown>;
  created_at: string;
  started_at?: string;
  finished_at?: string;
  /** Seconds spent training, summed over resumes. */
  train_seconds?: number;
  backend?: BackendInfo;
  progress?: { step: number; total_steps: number; epoch: number };
  last_checkpoint?: RunCheckpointRef;
  /** Final evaluation metrics (eval_* keys) when the run completed. */
  final_metrics?: Record<string, number>;
  best_metric?: { name: string; value: number; step: number };
  /** Set when status is failed: what went wrong, for the person. */
  error?: string;
  /** Where the run came from: made in the app or the CLI, or imported from a Trainer folder. */
  origin?: 'app' | 'cli' | 'import';
}

// ---------------------------------------------------------------------------------------
// Data sets. The shapes are the datasets layer's own (type-only imports: nothing of it is
// bundled into the renderer).
export type { Problem, Severity } from '../../datasets/problems';
export type { ClassificationExample, NerExample, QaExample, QaAnswer } from '../../datasets/types';
export type { ClassificationStats } from '../../datasets/classification/stats';
export type { NerStats } from '../../datasets/ner/stats';
export type { QaStats } from '../../datasets/qa/stats';
export type { LengthStats, HistogramBin } from '../../datasets/stats/lengths';
import type { Problem } from '../../datasets/problems';
import type { ClassificationExample, NerExample, QaExample } from '../../datasets/types';
import type { ClassificationStats } from '../../datasets/classification/stats';
import type { NerStats } from '../../datasets/ner/stats';
import type { QaStats } from '../../datasets/qa/stats';
import type { TrainingSettings } from '../../core/train/settings';

export interface ExampleOfTask {
  classification: ClassificationExample;
  ner: NerExample;
  qa: QaExample;
}

export interface StatsOfTask {
  classification: ClassificationStats;
  ner: NerStats;
  qa: QaStats;
}

export interface DatasetReportOf<T extends TaskKind> {
  task: T;
  files: { train: string; validation?: string };
  formats: { train?: string; validation?: string };
  /** Where validation examples come from: the validation file, a seeded split of train, or nowhere. */
  validationFrom: 'file' | 'split' | 'none';
  /** Label names in id order (classification labels, NER IOB2 tags); empty for QA. */
  labels: string[];
  stats: { train: StatsOfTask[T]; validation: StatsOfTask[T] };
  problems: Problem[];
  /** No errors: a run may start on this data. */
  valid: boolean;
  /** The first examples of each split, for the preview table. */
  preview: { train: ExampleOfTask[T][]; validation: ExampleOfTask[T][] };
}

export type DatasetReport = { [T in TaskKind]: DatasetReportOf<T> }[TaskKind];

export interface ImportedFile {
  /** Where the service saved the file; use it as a run config's data path. */
  path: string;
  name: string;
  bytes: number;
}

// ---------------------------------------------------------------------------------------
// Training

export type { TrainingSettings } from '../../core/train/settings';
/** The parsed run config, defaults filled: what run.json keeps and `bert-workbench train --config` takes. */
export type { RunConfig, RunTask } from '../../core/train/run-config';
import type { RunConfig, RunTask } from '../../core/train/run-config';

/** A run config as a person writes it: training settings left out take their defaults. */
export type RunConfigInput = Omit<RunConfig, 'training'> & { training?: Partial<TrainingSettings> };

export interface TrainingDefaults {
  settings: TrainingSettings;
  hints: Record<keyof TrainingSettings, string>;
  /** Where a task's defaults differ (question answering: 384-token windows, stride 128). */
  taskDefaults: Record<RunTask, Partial<TrainingSettings>>;
  distillation: DistillationDefaults;
}

/** The run config's distillation section as the UI offers it (core/train/distillation-config.ts). */
export interface DistillationDefaults {
  settings: { temperature: number; alpha: number };
  hints: Record<keyof DistillationSettings, string>;
  /** Tasks a finished run of which can teach. */
  tasks: TaskKind[];
  /** Tasks that take unlabelled text (one example a line). */
  unlabelledTasks: TaskKind[];
  /** The metric teacher and students are compared by, per task. */
  metrics: Record<TaskKind, string>;
}

export interface SchedulePreview {
  total_steps: number;
  warmup_steps: number;
  /** The learning rate of every optimizer step 0..total_steps-1. */
  learning_rates: number[];
}

export interface RunEstimate {
  /** The model's shape, read from the preset or the checkpoint's config.json. */
  model: { layers: number; hidden_size: number; heads: number; max_position_embeddings: number };
  parameters: { total: number; trainable: number };
  memory: { weights: number; gradients: number; optimizer: number; activations: number; total: number };
  /** Free memory on this machine now. */
  available_bytes: number;
  fits: boolean;
  total_steps: number;
  /** From a measured step of this model shape on this backend, when one was measured. */
  seconds_per_step?: number;
  total_seconds?: number;
  warnings: string[];
}

// ---------------------------------------------------------------------------------------
// Prediction and export

export type PredictInput =
  | { text: string; text_pair?: string }
  | { tokens: string[] }
  | { text: string; question: string; context?: never }
  | { question: string; context: string };

export interface ClassPrediction {
  task: 'classification';
  label: string;
  /** Softmax over the classes, in id2label order. */
  probabilities: { label: string; probability: number }[];
}

export interface EntitySpan {
  type: string;
  text: string;
  /** Character offsets in the text as typed (or word indices for pre-split input). */
  start: number;
  end: number;
  confidence: number;
}

export interface NerPrediction {
  task: 'ner';
  words: string[];
  tags: string[];
  entities: EntitySpan[];
}

export interface AnswerCandidate {
  text: string;
  start: number;
  end: number;
  score: number;
}

export interface QaPrediction {
  task: 'qa';
  /** Empty when the model says the context does not answer. */
  answer: AnswerCandidate | null;
  n_best: AnswerCandidate[];
  /** Start+end logit of [CLS]: the no-answer score. */
  null_score: number;
}

export type Prediction = ClassPrediction | NerPrediction | QaPrediction;

export interface ExportResult {
  format: 'hf' | 'tfjs';
  path: string;
  files: string[];
  /** The exported model run again on a few validation examples against the app's logits. */
  parity?: { examples: number; max_abs_diff: number; tolerance: number; ok: boolean };
  /** What the person should know (exported the last checkpoint because there is no final model, tokens the page's tokenizer splits differently…). */
  warnings?: string[];
}

// ---------------------------------------------------------------------------------------
// Distillation: a finished run teaches a smaller student; Compare measures both.

export type { DistillationSettings } from '../../core/train/distillation-config';
import type { DistillationSettings } from '../../core/train/distillation-config';

/** The student of `runs.distil`: a finished run's model, or any run config `model` (preset, checkpoint folder, …). */
export type DistilStudent = { run: string } | Record<string, unknown>;

/** One model's speed and size on this machine, as `runs.latency` measured it. */
export interface ModelLatency {
  /** The run. */
  id: string;
  parameters: number;
  /** The run's model/ folder on disk. */
  size_bytes: number;
  /** Median milliseconds from the inputs to the head's outputs, per batch size. */
  latency_ms: { batch_1: number; batch_8: number };
  /** [fastest, slowest] of the timed rounds. */
  spread_ms: { batch_1: [number, number]; batch_8: [number, number] };
}

export interface LatencyReport {
  /** The TensorFlow.js backend the models ran on. */
  backend: string;
  /** Tokens per input. */
  seq_len: number;
  /** Timed rounds, each timing every model at every batch size, interleaved. */
  rounds: number;
  /** A training run shared the machine meanwhile: the figures are slower than alone (their ratio less so). */
  disturbed: boolean;
  models: ModelLatency[];
  measured_at: string;
}

// ---------------------------------------------------------------------------------------
// Events pushed to every client.

/** A line of a run's log, as the run view shows it (kept in the run folder's log.jsonl). */
export interface RunLogLine {
  level: 'info' | 'warning' | 'error';
  message: string;
  time: string;
}

export type ServiceEvent =
  | { type: 'run.status'; run: RunRecord }
  | { type: 'run.metrics'; runId: string; rows: MetricsRow[] }
  | { type: 'run.checkpoint'; runId: string; step: number; path: string }
  | { type: 'run.log'; runId: string; level: 'info' | 'warning' | 'error'; message: string; time: string };
