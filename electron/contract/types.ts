// Plain data types that cross the service boundary (no classes, no tensors).

export type AppMode = 'electron' | 'browser';

export interface BackendInfo {
  /** e.g. "wasm", "tensorflow-gpu"; null when no backend could be loaded. */
  name: string | null;
  description: string;
  /** Why this backend runs, or why none does. */
  reason: string;
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

export interface PresetInfo {
  id: string;
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
