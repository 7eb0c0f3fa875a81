// Training settings under Transformers' TrainingArguments names, so that a person coming
// from Transformers recognises every knob, with the BERT paper's fine-tuning defaults.
// Every error names the field and the value it got: "training.learning_rate must be > 0, got -1".
import { z } from 'zod';
import { PRETRAINING_SETTING_HINTS, PRETRAINING_SETTINGS_SCHEMA, type PretrainingSettings } from './pretraining-settings';
import { LR_SCHEDULER_TYPES, type LrSchedulerType } from './schedule';
import { count, flag, numberField } from './settings-fields';

export interface TrainingSettings extends PretrainingSettings {
  learning_rate: number;
  num_train_epochs: number;
  /** 0: derived from num_train_epochs. */
  max_steps: number;
  batch_size: number;
  gradient_accumulation_steps: number;
  warmup_ratio: number;
  /** Wins over warmup_ratio when > 0. */
  warmup_steps: number;
  lr_scheduler_type: LrSchedulerType;
  weight_decay: number;
  /** 0: no clipping. */
  max_grad_norm: number;
  freeze_embeddings: boolean;
  freeze_layers: number;
  /** Sorted, without repeats. */
  frozen_layers: number[];
  train_head_only: boolean;
  layerwise_lr_decay: number;
  seed: number;
  shuffle: boolean;
  /** null: keep the checkpoint config's dropout. */
  dropout: number | null;
  /** Recompute each encoder layer's activations in the backward pass; switched on by itself when a run would not fit otherwise. */
  gradient_checkpointing: boolean;
  max_seq_length: number;
  doc_stride: number;
  /** 0: evaluate at the end of each epoch. */
  eval_steps: number;
  /** 0: no early stopping. */
  early_stopping_patience: number;
  metric_for_best_model: string;
  greater_is_better: boolean;
  load_best_model_at_end: boolean;
  /** 0: save at the end of each epoch. */
  save_steps: number;
  /** Checkpoints kept in the run folder, the newest and the best; null (or 0, as in Transformers) keeps all. */
  save_total_limit: number | null;
  logging_steps: number;
}

export const TRAINING_SETTING_HINTS: Record<keyof TrainingSettings, string> = {
  learning_rate: 'Peak learning rate, reached after warmup. The BERT paper fine-tunes with 5e-5, 3e-5 or 2e-5.',
  num_train_epochs: 'Passes over the training set; the BERT paper uses 2 to 4. May be fractional.',
  max_steps: 'Stop after this many optimizer updates; 0 (or -1) derives the count from the epochs.',
  batch_size: 'Examples per forward pass (per_device_train_batch_size). The BERT paper uses 16 or 32.',
  gradient_accumulation_steps: 'Sum gradients over this many batches before each update: a larger effective batch in the same memory.',
  warmup_ratio: 'Fraction of the updates over which the learning rate rises from 0; the BERT paper uses 0.1.',
  warmup_steps: 'Warmup length in updates; when above 0 it replaces warmup_ratio.',
  lr_scheduler_type: 'How the learning rate falls after warmup: linear (BERT), cosine, constant_with_warmup or constant (no warmup).',
  weight_decay: 'Decoupled (AdamW) weight decay on all weights except biases and LayerNorm; BERT uses 0.01.',
  max_grad_norm: 'Clip the global gradient norm to this; 0 turns clipping off.',
  freeze_embeddings: 'Keep the embedding layer fixed.',
  freeze_layers: 'Keep the first k encoder layers (those nearest the embeddings) fixed.',
  frozen_layers: 'Further encoder layers to keep fixed, by index (0 is the lowest).',
  train_head_only: 'Keep the whole BERT encoder, pooler included, fixed and train only the task head.',
  layerwise_lr_decay: 'Multiply the learning rate by this once per layer going down from the top (e.g. 0.9); 1 turns it off.',
  seed: 'Seed for initialisation, shuffling, dropout and masking: the same seed repeats a run exactly.',
  shuffle: 'Shuffle the training set every epoch.',
  dropout: "Dropout probability for the whole model; empty keeps the checkpoint's (BERT: 0.1).",
  gradient_checkpointing: 'Keep only each layer\'s input and recompute the rest in the backward pass: far less memory for about a third more time. Turned on by itself when the run would not fit otherwise.',
  max_seq_length: 'Tokens per example, [CLS] and [SEP] included; longer inputs are cut or split into windows.',
  doc_stride: 'Question answering: tokens of overlap between the windows a long context is split into.',
  eval_steps: 'Evaluate every this many updates; 0 evaluates at the end of each epoch.',
  early_stopping_patience: 'Stop after this many evaluations without improvement; 0 never stops early.',
  metric_for_best_model: 'Evaluation metric that decides the best checkpoint (e.g. loss, accuracy, f1).',
  greater_is_better: 'Whether a higher metric is better; by default true unless the metric is a loss.',
  load_best_model_at_end: 'Finish with the best evaluated checkpoint instead of the last one.',
  save_steps: 'Save a checkpoint every this many updates; 0 saves at the end of each epoch.',
  save_total_limit: 'Keep at most this many checkpoints, deleting the oldest; the best one is always kept. Empty keeps all.',
  logging_steps: 'Log loss and learning rate every this many updates.',
  ...PRETRAINING_SETTING_HINTS,
};

// TrainingArguments' name for batch_size, accepted as an alias.
const BATCH_SIZE_ALIAS = 'per_device_train_batch_size';


const settingsSchema = z
  .object({
    learning_rate: numberField({ gt: 0 }).default(2e-5),
    num_train_epochs: numberField({ gt: 0 }).default(3),
    // -1 is Transformers' "unset"; accept it so pasted TrainingArguments work.
    max_steps: count(-1)
      .default(0)
      .transform((steps) => Math.max(steps, 0)),
    batch_size: count(1).default(16),
    gradient_accumulation_steps: count(1).default(1),
    warmup_ratio: numberField({ min: 0, max: 1 }).default(0.1),
    warmup_steps: count(0).default(0),
    lr_scheduler_type: z
      .enum(LR_SCHEDULER_TYPES, { errorMap: () => ({ message: `must be one of ${LR_SCHEDULER_TYPES.join(', ')}` }) })
      .default('linear'),
    weight_decay: numberField({ min: 0 }).default(0.01),
    max_grad_norm: numberField({ min: 0 }).default(1),
    freeze_embeddings: flag().default(false),
    freeze_layers: count(0).default(0),
    frozen_layers: z
      .array(count(0), { invalid_type_error: 'must be a list of layer indices' })
      .default([])
      .transform((layers) => [...new Set(layers)].sort((a, b) => a - b)),
    train_head_only: flag().default(false),
    layerwise_lr_decay: numberField({ gt: 0, max: 1 }).default(1),
    seed: numberField({ int: true, min: 0, max: 0xffffffff }).default(42),
    shuffle: flag().default(true),
    dropout: numberField({ min: 0, lt: 1 }).nullable().default(null),
    gradient_checkpointing: flag().default(false),
    max_seq_length: count(3).default(128),
    doc_stride: count(1).default(128),
    eval_steps: count(0).default(0),
    early_stopping_patience: count(0).default(0),
    metric_for_best_model: z.string({ invalid_type_error: 'must be a metric name' }).min(1, 'must not be empty').nullable().default(null),
    greater_is_better: flag().nullable().default(null),
    load_best_model_at_end: flag().default(false),
    save_steps: count(0).default(0),
    save_total_limit: count(0).nullable().default(null),
    logging_steps: count(1).default(1),
    ...PRETRAINING_SETTINGS_SCHEMA,
  })
  .strict();

export interface SettingsIssue {
  /** The setting's name, e.g. `learning_rate` or `frozen_layers[1]`; empty for the whole object. */
  field: string;
  /** A whole sentence, naming the field and the value received. */
  message: string;
}

export class TrainingSettingsError extends Error {
  constructor(readonly issues: SettingsIssue[]) {
    super(issues.map((issue) => issue.message).join('\n'));
    this.name = 'TrainingSettingsError';
  }
}

/** Fills in defaults and checks every field; throws a TrainingSettingsError listing all problems. */
export function parseTrainingSettings(input: unknown = {}): TrainingSettings {
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw new TrainingSettingsError([{ field: '', message: `training settings must be an object, got ${show(input)}` }]);
  }
  const raw = input as Record<string, unknown>;
  const aliased = resolveBatchSizeAlias(raw);
  if ('issue' in aliased) throw new TrainingSettingsError([aliased.issue]);
  const parsed = settingsSchema.safeParse(aliased.settings);
  if (!parsed.success) throw new TrainingSettingsError(parsed.error.issues.flatMap((issue) => describeIssue(issue, aliased.settings)));
  const metric = parsed.data.metric_for_best_model ?? 'loss';
  // Trainer's rule: a metric is "better when greater" unless it is a loss.
  return { ...parsed.data, metric_for_best_model: metric, greater_is_better: parsed.data.greater_is_better ?? !metric.endsWith('loss') };
}

export const DEFAULT_TRAINING_SETTINGS: Readonly<TrainingSettings> = Object.freeze(parseTrainingSettings({}));

/** The `log_history` key the best-model metric is read from: Trainer prefixes `eval_`. */
export function bestModelMetricKey(settings: Pick<TrainingSettings, 'metric_for_best_model'>): string {
  const metric = settings.metric_for_best_model;
  return metric.startsWith('eval_') ? metric : `eval_${metric}`;
}

function resolveBatchSizeAlias(raw: Record<string, unknown>): { settings: Record<string, unknown> } | { issue: SettingsIssue } {
  if (!(BATCH_SIZE_ALIAS in raw)) return { settings: raw };
  const { [BATCH_SIZE_ALIAS]: alias, ...rest } = raw;
  if ('batch_size' in rest && rest.batch_size !== alias) {
    const message = `training.${BATCH_SIZE_ALIAS} (${show(alias)}) and training.batch_size (${show(rest.batch_size)}) disagree; give one of them`;
    return { issue: { field: 'batch_size', message } };
  }
  return { settings: { ...rest, batch_size: alias } };
}

function describeIssue(issue: z.ZodIssue, input: Record<string, unknown>): SettingsIssue[] {
  if (issue.code === 'unrecognized_keys') {
    return issue.keys.map((key) => ({ field: key, message: `training.${key} is not a training setting` }));
  }
  const field = issue.path.map((part, i) => (typeof part === 'number' ? `[${part}]` : i === 0 ? part : `.${part}`)).join('');
  return [{ field, message: `training.${field} ${issue.message}, got ${show(valueAt(input, issue.path))}` }];
}

function valueAt(input: unknown, path: (string | number)[]): unknown {
  let value = input;
  for (const part of path) value = (value as Record<string | number, unknown> | undefined)?.[part];
  return value;
}

function show(value: unknown): string {
  // String() rather than JSON for numbers, which would print NaN and Infinity as null.
  if (value === undefined) return 'nothing';
  return typeof value === 'number' ? String(value) : JSON.stringify(value);
}
