// Every TrainingSettings field, how the form edits it and where it sits: the common knobs
// up front, the rest under "Advanced" in groups a Transformers user would recognise.
// A Record over the settings' keys, so a new setting fails to compile until it has a field.
import { LR_SCHEDULER_TYPES, TASK_METRICS, type TaskKind, type TrainingSettings } from '../../../electron/contract';

export type FieldKind = 'number' | 'integer' | 'boolean' | 'choice' | 'optional-number' | 'text' | 'optional-boolean' | 'integer-list';

export type FieldGroup = 'common' | 'optimizer' | 'freezing' | 'evaluation' | 'reproducibility';

export interface FieldSpec {
  kind: FieldKind;
  group: FieldGroup;
  choices?: readonly string[];
  /** Choices that depend on the task (what its evaluation measures). */
  taskChoices?: (task: TaskKind) => readonly string[];
  /** Shown only for these tasks. */
  tasks?: readonly TaskKind[];
}


export const SETTING_FIELDS: Record<keyof TrainingSettings, FieldSpec> = {
  learning_rate: { kind: 'number', group: 'common' },
  num_train_epochs: { kind: 'number', group: 'common' },
  max_steps: { kind: 'integer', group: 'common' },
  batch_size: { kind: 'integer', group: 'common' },
  max_seq_length: { kind: 'integer', group: 'common' },
  doc_stride: { kind: 'integer', group: 'common', tasks: ['qa'] },
  lr_scheduler_type: { kind: 'choice', group: 'common', choices: LR_SCHEDULER_TYPES },
  warmup_ratio: { kind: 'number', group: 'common' },
  warmup_steps: { kind: 'integer', group: 'optimizer' },
  weight_decay: { kind: 'number', group: 'optimizer' },
  max_grad_norm: { kind: 'number', group: 'optimizer' },
  gradient_accumulation_steps: { kind: 'integer', group: 'optimizer' },
  gradient_checkpointing: { kind: 'boolean', group: 'optimizer' },
  layerwise_lr_decay: { kind: 'number', group: 'optimizer' },
  freeze_embeddings: { kind: 'boolean', group: 'freezing' },
  freeze_layers: { kind: 'integer', group: 'freezing' },
  frozen_layers: { kind: 'integer-list', group: 'freezing' },
  train_head_only: { kind: 'boolean', group: 'freezing' },
  eval_steps: { kind: 'integer', group: 'evaluation' },
  logging_steps: { kind: 'integer', group: 'evaluation' },
  save_steps: { kind: 'integer', group: 'evaluation' },
  save_total_limit: { kind: 'optional-number', group: 'evaluation' },
  early_stopping_patience: { kind: 'integer', group: 'evaluation' },
  // The names the task's evaluation reports (without eval_, as Trainer accepts them).
  metric_for_best_model: { kind: 'choice', group: 'evaluation', taskChoices: (task) => TASK_METRICS[task] },
  greater_is_better: { kind: 'optional-boolean', group: 'evaluation' },
  load_best_model_at_end: { kind: 'boolean', group: 'evaluation' },
  seed: { kind: 'integer', group: 'reproducibility' },
  shuffle: { kind: 'boolean', group: 'reproducibility' },
  dropout: { kind: 'optional-number', group: 'reproducibility' },
  mlm_probability: { kind: 'number', group: 'common', tasks: ['mlm'] },
  whole_word_mask: { kind: 'boolean', group: 'common', tasks: ['mlm'] },
  next_sentence_prediction: { kind: 'boolean', group: 'common', tasks: ['mlm'] },
  validation_split_percentage: { kind: 'number', group: 'evaluation', tasks: ['mlm'] },
};

export const GROUP_TITLES: Record<FieldGroup, string> = {
  common: 'Training',
  optimizer: 'Optimizer and schedule',
  freezing: 'Freezing',
  evaluation: 'Evaluation, logging and checkpoints',
  reproducibility: 'Reproducibility and regularisation',
};

/** The choices a field offers for a task; a current value outside them (a pasted config) stays choosable. */
export function fieldChoices(spec: FieldSpec, task: TaskKind, current: unknown): readonly string[] {
  const choices = spec.taskChoices ? spec.taskChoices(task) : (spec.choices ?? []);
  return typeof current === 'string' && current !== '' && !choices.includes(current) ? [current, ...choices] : choices;
}

export function fieldsOf(group: FieldGroup, task: TaskKind): (keyof TrainingSettings)[] {
  return (Object.keys(SETTING_FIELDS) as (keyof TrainingSettings)[]).filter((key) => {
    const spec = SETTING_FIELDS[key];
    return spec.group === group && (!spec.tasks || spec.tasks.includes(task));
  });
}

export type Parsed = { ok: true; value: unknown } | { ok: false; error: string };

/** Text typed into a field → the setting's value, or why it is not one. Range checks are the service's (it names the field). */
export function parseFieldInput(kind: FieldKind, text: string): Parsed {
  const t = text.trim();
  switch (kind) {
    case 'number':
    case 'integer': {
      if (t === '') return { ok: false, error: 'needs a number' };
      const n = Number(t);
      if (!Number.isFinite(n)) return { ok: false, error: `"${t}" is not a number` };
      if (kind === 'integer' && !Number.isInteger(n)) return { ok: false, error: 'needs a whole number' };
      return { ok: true, value: n };
    }
    case 'optional-number': {
      if (t === '') return { ok: true, value: null };
      const n = Number(t);
      return Number.isFinite(n) ? { ok: true, value: n } : { ok: false, error: `"${t}" is not a number` };
    }
    case 'integer-list': {
      if (t === '') return { ok: true, value: [] };
      const parts = t.split(/[\s,]+/).filter(Boolean);
      const values = parts.map(Number);
      const bad = parts.find((_, i) => !Number.isInteger(values[i]) || values[i]! < 0);
      if (bad !== undefined) return { ok: false, error: `"${bad}" is not a layer index` };
      return { ok: true, value: [...new Set(values)].sort((a, b) => a - b) };
    }
    case 'text':
      return t === '' ? { ok: false, error: 'must not be empty' } : { ok: true, value: t };
    case 'boolean':
      return { ok: true, value: t === 'true' };
    case 'optional-boolean':
      return { ok: true, value: t === '' ? null : t === 'true' };
    case 'choice':
      return { ok: true, value: t };
  }
}

/** A setting's value as the form's text. */
export function formatFieldValue(value: unknown): string {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  return String(value);
}
