// Plain data types that cross the service boundary (no classes, no tensors).
import type { GpuAdapter } from '../../core/backend/select';
import type { ExportFormat, ExportQuantization } from '../../core/export/formats';
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

/** Whether the fast CPU backend (native-cpu) is built, can be built here, or what it needs. */
export type NativeBackendStatus = { state: 'built' } | { state: 'buildable'; command: string } | { state: 'unavailable'; missing: string; install: string };

export interface SystemInfo {
  app: { name: string; version: string; mode: AppMode };
  /** The backend runs train on (as a worker process finds it). */
  backend: BackendInfo;
  nativeBackend?: NativeBackendStatus;
  platform: string;
  arch: string;
  cpu: { model: string; cores: number };
  memory: { totalBytes: number; freeBytes: number };
  node: string;
}

export type { PresetName } from '../../core/model/config';
import type { PresetName } from '../../core/model/config';
export type { WeightsProvenance, ModelSource, HubModelSource } from '../../core/train/run-config';
import type { WeightsProvenance } from '../../core/train/run-config';

export interface PresetInfo {
  id: PresetName;
  layers: number;
  hiddenSize: number;
  heads: number;
  intermediateSize: number;
  /** Encoder with pooler, computed by the core from the config. */
  parameters: number;
  description: string;
  /** The catalogue checkpoint of the same shape: what to fine-tune instead of this preset's random weights. */
  pretrained?: { hubId: string; name: string };
}

// ---------------------------------------------------------------------------------------
// Pretrained models: the catalogue, Hugging Face's cache, downloads (see models.* methods).

/** A catalogue checkpoint with its figures (computed by the core from its config). */
export interface CatalogueInfo {
  hubId: string;
  name: string;
  layers: number;
  hiddenSize: number;
  heads: number;
  intermediateSize: number;
  vocabSize: number;
  /** Encoder with pooler. */
  parameters: number;
  /** Estimated: the stored parameters as float32. */
  downloadBytes: number;
  cased: boolean;
  language: string;
  domain: string;
  licence: string;
  description: string;
  paper?: string;
  /** The New run form's default model. */
  default: boolean;
}

/** A model repository in Hugging Face's cache on this machine. */
export interface CachedModelInfo {
  hubId: string;
  /** The newest complete snapshot: what a run with this id (at `revision`) trains from. */
  commit?: string;
  /** The branch or tag that points at `commit` (main usually); undefined when only a commit was downloaded. */
  revision?: string;
  dir?: string;
  /** Config, weights and a BERT: usable for a run. */
  usable: boolean;
  /** Why it cannot be used (another model_type, no weights yet). */
  problem?: string;
  /** In the catalogue (its card is shown from there). */
  inCatalogue: boolean;
  layers?: number;
  hiddenSize?: number;
  heads?: number;
  parameters?: number;
  sizeBytes: number;
  /** Of a download that stopped; downloading again resumes it. */
  incompleteBytes: number;
}

export type DownloadStatus = 'downloading' | 'completed' | 'failed' | 'cancelled';

/** One download in the app, as the `model.download` event and models.downloads report it. */
export interface DownloadState {
  hubId: string;
  revision: string;
  status: DownloadStatus;
  /** The file being fetched now. */
  file?: string;
  /** The whole download: bytes on disk of the files being fetched, and their total once known. */
  bytes: number;
  totalBytes?: number;
  bytesPerSecond?: number;
  etaSeconds?: number;
  /** The commit, when completed. */
  commit?: string;
  /** Why it failed, for the person (gated, not BERT, offline…). */
  error?: string;
  /** What kind of failure: 'gated' asks for a token, 'not-bert' for another model, 'cancelled' resumes. */
  errorKind?: string;
  warnings?: string[];
}

/** Where models come from and go, as the app uses them now. */
export interface HubSettings {
  endpoint: string;
  /** Hugging Face's cache, shared with Python (HF_HUB_CACHE / HF_HOME). */
  cacheDir: string;
  /** Use the cache only; no request leaves the machine. */
  offline: boolean;
  /** HF_HUB_OFFLINE=1 set it, so the app cannot turn it off. */
  offlineFromEnv: boolean;
  /** A token is in use (from the app, this session only, or from HF_TOKEN); the token itself is never sent back. */
  tokenSet: boolean;
  tokenFromEnv: boolean;
}

/** What a model source is, before a run starts: shape, whether it is downloaded, what will be new. */
export interface ModelDescription {
  kind: 'hub' | 'checkpoint' | 'preset';
  name: string;
  /** False only for presets (random weights). */
  pretrained: boolean;
  /** Weights on this machine (always for folders and presets). */
  available: boolean;
  commit?: string;
  dir?: string;
  /** From its config.json, the catalogue or the preset; undefined for a Hub model not downloaded and not in the catalogue. */
  shape?: { layers: number; hiddenSize: number; heads: number; parameters: number };
  /** The tokenizer it will use; undefined until a Hub model is downloaded. */
  tokenizer?: { source: 'vocab.txt' | 'tokenizer.json' | 'preset' | 'none'; lowercase?: boolean };
  /** Module groups the task's head needs and the checkpoint lacks ("classifier.*"): initialised as Transformers does. */
  newWeights: string[];
  notes: string[];
}

/** The run config's tasks (core's RUN_TASKS); `mlm`: domain pre-training on unlabelled text (masked LM and next-sentence prediction). */
export type TaskKind = RunTask;

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

/** `damaged`: the run's run.json cannot be read (see RunRecord.damage); never written to run.json. */
export const RUN_STATUSES = ['created', 'queued', 'running', 'completed', 'failed', 'cancelled', 'interrupted', 'damaged'] as const;
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
  /** The time estimate made before the first step (the throughput probe over this run's batch lengths): the ETA until steps are timed. */
  estimate?: { total_seconds: number; seconds_per_step: number };
  progress?: { step: number; total_steps: number; epoch: number };
  last_checkpoint?: RunCheckpointRef;
  /** Final evaluation metrics (eval_* keys) when the run completed. */
  final_metrics?: Record<string, number>;
  best_metric?: { name: string; value: number; step: number };
  /** Set when status is failed: what went wrong, for the person. */
  error?: string;
  /** Where the run came from: made in the app or the CLI, or imported from a Trainer folder. */
  origin?: 'app' | 'cli' | 'import';
  /** Classification / NER: the label names in id order (the model's id2label), set when training starts. */
  labels?: string[];
  /** Where the weights it started from came from: Hub id + commit, folder + digest, or random init + seed (set when it first starts). */
  weights_from?: WeightsProvenance;
  /** Set when status is damaged: the file that cannot be read and what is wrong with it. */
  damage?: { file: string; problem: string };
  /** The person's labels and notes for finding runs again (runs.update). */
  tags?: string[];
  notes?: string;
  /** For a queued run, its place in the queue (1: starts next); given by the service, not stored. */
  queue_position?: number;
}

// ---------------------------------------------------------------------------------------
// Data sets. The shapes are the datasets layer's own (type-only imports: nothing of it is
// bundled into the renderer).
export type { Problem, Severity } from '../../datasets/problems';
export type { ClassificationExample, CorpusDocument, NerExample, QaExample, QaAnswer } from '../../datasets/types';
export type { ClassificationStats } from '../../datasets/classification/stats';
export type { NerStats } from '../../datasets/ner/stats';
export type { QaStats } from '../../datasets/qa/stats';
export type { CorpusStats } from '../../datasets/corpus/stats';
export type { LengthStats, HistogramBin } from '../../datasets/stats/lengths';
import type { Problem } from '../../datasets/problems';
import type { ClassificationExample, CorpusDocument, NerExample, QaExample } from '../../datasets/types';
import type { CorpusStats } from '../../datasets/corpus/stats';
import type { ClassificationStats } from '../../datasets/classification/stats';
import type { NerStats } from '../../datasets/ner/stats';
import type { QaStats } from '../../datasets/qa/stats';
import type { ColumnReport } from '../../datasets/column-report';
import type { TrainingSettings } from '../../core/train/settings';

export interface ExampleOfTask {
  classification: ClassificationExample;
  ner: NerExample;
  qa: QaExample;
  mlm: CorpusDocument;
}

export interface StatsOfTask {
  classification: ClassificationStats;
  ner: NerStats;
  qa: QaStats;
  mlm: CorpusStats;
}

export interface DatasetReportOf<T extends TaskKind> {
  task: T;
  files: { train: string; validation?: string };
  formats: { train?: string; validation?: string };
  /** Where validation examples come from: the validation file, a seeded split of train, or nowhere. */
  validationFrom: 'file' | 'split' | 'none';
  /** Label names in id order (classification labels, NER IOB2 tags); empty for QA. */
  labels: string[];
  /** Parallel to labels when labelNames renamed some: each as the file writes it. */
  labelsAsWritten?: string[];
  /** The training file's columns and the role each plays (CSV, TSV, JSON lines). */
  columns?: ColumnReport;
  stats: { train: StatsOfTask[T]; validation: StatsOfTask[T] };
  problems: Problem[];
  /** No errors: a run may start on this data. */
  valid: boolean;
  /** The first examples of each split, for the preview table. */
  preview: { train: ExampleOfTask[T][]; validation: ExampleOfTask[T][] };
  /** Whose tokenizer counted the tokens: the run's model, or the presets' vocabulary (and why). */
  tokenizer?: string;
}

export type DatasetReport = { [T in TaskKind]: DatasetReportOf<T> }[TaskKind];

export interface ImportedFile {
  /** Where the service saved the file; use it as a run config's data path. */
  path: string;
  name: string;
  bytes: number;
  /** The data set in the library (datasets.list). */
  id?: string;
  /** The same content was imported before: this is that data set, under the name it has. */
  alreadyImported?: boolean;
}

export type { DataColumns, ColumnRole } from '../../core/train/run-data';
export type { ColumnReport } from '../../datasets/column-report';
import type { DataColumns } from '../../core/train/run-data';

/** How a person reads a data set, remembered with it. */
export interface DatasetSettings {
  task?: TaskKind;
  /** The column mapping (a run config's data.columns). */
  columns?: DataColumns;
  /** Labels as the file writes them → names (a run config's data.label_names). */
  labelNames?: Record<string, string>;
}

/** An imported data set (datasets.list), kept across restarts. */
export interface DatasetEntry extends DatasetSettings {
  id: string;
  /** How it is shown: the file's own name unless the person renamed it. */
  name: string;
  /** The name the file was imported under. */
  fileName: string;
  /** Where the service keeps it (what a run config's data.train takes). */
  path: string;
  /** Older copies of the same content (imports made before the library); deleted with it. */
  copies?: string[];
  bytes: number;
  sha256: string;
  importedAt: string;
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
  metrics: Partial<Record<TaskKind, string>>;
}

/** At most this many points in a schedule preview: enough for any chart width. */
export const SCHEDULE_PREVIEW_POINTS = 400;

export interface SchedulePreview {
  total_steps: number;
  warmup_steps: number;
  /**
   * The learning rate at steps 0..total_steps-1, at most SCHEDULE_PREVIEW_POINTS of them
   * (the curve's corners and evenly spaced steps): a bounded reply whatever max_steps says.
   */
  points: { step: number; learning_rate: number }[];
}

export interface RunEstimate {
  /** The model's shape, read from the preset or the checkpoint's config.json. */
  model: { layers: number; hidden_size: number; heads: number; max_position_embeddings: number };
  parameters: { total: number; trainable: number };
  /** `runtime`: the training process without its tensors (Node, TensorFlow.js, the app). */
  memory: { weights: number; gradients: number; optimizer: number; activations: number; runtime?: number; total: number };
  /** Free memory on this machine now. */
  available_bytes: number;
  /** False: the run is refused before it starts; the first warning says why and what to change. */
  fits: boolean;
  /** Whether the run trains with gradient checkpointing (switched on when it fits only that way). */
  gradient_checkpointing?: boolean;
  /** The backend runs train on here. */
  backend?: string;
  total_steps: number;
  /** Seconds per optimizer step: from an earlier run of this shape, else from the backend's throughput probe. */
  seconds_per_step?: number;
  total_seconds?: number;
  time_source?: 'measured run' | 'throughput probe';
  warnings: string[];
}

// ---------------------------------------------------------------------------------------
// Prediction and export

export type PredictInput =
  | { text: string; text_pair?: string; top_k?: number }
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

/** One [MASK] of the input and the tokens that fill it best, as Transformers' fill-mask pipeline. */
export interface MaskFill {
  /** Token position of the [MASK] in the encoded input. */
  position: number;
  candidates: { token: string; token_id: number; probability: number; sequence: string }[];
}

export interface FillMaskPrediction {
  task: 'fill-mask';
  masks: MaskFill[];
  /** Whether the second text follows the first (next-sentence head), when a pair was given. */
  is_next?: { probability: number };
}

export type Prediction = ClassPrediction | NerPrediction | QaPrediction | FillMaskPrediction;

export type { ExportFormat, ExportQuantization };
export { EXPORT_FORMATS, EXPORT_QUANTIZATIONS } from '../../core/export/formats';

export interface ExportResult {
  format: ExportFormat;
  path: string;
  files: string[];
  /** The exported model run again on a few validation examples against the app's logits. */
  parity?: { examples: number; max_abs_diff: number; tolerance: number; ok: boolean };
  /** ONNX with int8: the same check of onnx/model_quantized.onnx. */
  quantized_parity?: { examples: number; max_abs_diff: number; tolerance: number; ok: boolean };
  /** What the person should know (exported the last checkpoint because there is no final model, tokens the page's tokenizer splits differently…). */
  warnings?: string[];
}

// ---------------------------------------------------------------------------------------
// Evaluations: what a run's model predicted for every example, with the report that
// explains its eval_* numbers (core/train/evaluation-report.ts).

export type {
  ClassificationPredictionRow,
  ClassificationReport,
  EntityRef,
  EntityTypeReport,
  EvaluationPredictionRow,
  EvaluationReport,
  NerPredictionRow,
  NerReport,
  QaPredictionRow,
  QaReport,
  QaSplit,
} from '../../core/train/evaluation-report';
export type { ProportionInterval } from '../../core/metrics/interval';
import type { EvaluationPredictionRow, EvaluationReport } from '../../core/train/evaluation-report';

/** last / best: on the validation set during training; test: the final model on a file the person chose. */
export type EvaluationKind = 'last' | 'best' | 'test';

export interface RunEvaluation {
  kind: EvaluationKind;
  /** The optimizer step the evaluated weights are from (absent for a test of the final model). */
  step?: number;
  epoch?: number;
  /** eval_* keys (test_* for a test file, as Trainer's predict names them). */
  metrics: Record<string, number>;
  /** Absent when the file has no labels to score against (predictions only). */
  report?: EvaluationReport;
  predictions: EvaluationPredictionRow[];
  created_at: string;
  /** The file evaluated, for a test. */
  file?: string;
  warnings?: string[];
}

/** One sample of the machine while a run trains (the service samples every few seconds). */
export interface SystemSample {
  time: string;
  /** Seconds since the run's worker started. */
  elapsed_s: number;
  /** All cores together, 0..100. */
  cpu_percent: number;
  memory_used_bytes: number;
  memory_total_bytes: number;
  /** The training process alone, where the platform says (Linux /proc). */
  process_cpu_percent?: number;
  process_rss_bytes?: number;
  /** NVIDIA GPUs, when nvidia-smi answers. */
  gpu_memory_used_bytes?: number;
  gpu_memory_total_bytes?: number;
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
  | { type: 'model.download'; download: DownloadState }
  | { type: 'run.status'; run: RunRecord }
  | { type: 'run.metrics'; runId: string; rows: MetricsRow[] }
  | { type: 'run.checkpoint'; runId: string; step: number; path: string }
  | { type: 'run.log'; runId: string; level: 'info' | 'warning' | 'error'; message: string; time: string }
  | { type: 'run.system'; runId: string; sample: SystemSample }
  /** An evaluation was written (evaluations/<kind>): views showing it load it again. */
  | { type: 'run.evaluation'; runId: string; kind: EvaluationKind; step?: number };
