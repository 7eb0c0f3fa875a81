import { describe, expect, it } from 'vitest';
import {
  DEFAULT_TRAINING_SETTINGS,
  TRAINING_SETTING_HINTS,
  TrainingSettingsError,
  bestModelMetricKey,
  parseTrainingSettings,
} from './settings';

function issuesOf(input: unknown): string[] {
  try {
    parseTrainingSettings(input);
  } catch (error) {
    if (error instanceof TrainingSettingsError) return error.issues.map((issue) => issue.message);
    throw error;
  }
  return [];
}

describe('training settings', () => {
  it("defaults to the BERT paper's fine-tuning recipe", () => {
    expect(DEFAULT_TRAINING_SETTINGS).toEqual({
      learning_rate: 2e-5,
      num_train_epochs: 3,
      max_steps: 0,
      batch_size: 16,
      gradient_accumulation_steps: 1,
      warmup_ratio: 0.1,
      warmup_steps: 0,
      lr_scheduler_type: 'linear',
      weight_decay: 0.01,
      max_grad_norm: 1,
      freeze_embeddings: false,
      freeze_layers: 0,
      frozen_layers: [],
      train_head_only: false,
      layerwise_lr_decay: 1,
      seed: 42,
      shuffle: true,
      dropout: null,
      gradient_checkpointing: false,
      max_seq_length: 128,
      doc_stride: 128,
      eval_steps: 0,
      early_stopping_patience: 0,
      metric_for_best_model: 'loss',
      greater_is_better: false,
      load_best_model_at_end: false,
      save_steps: 0,
      save_total_limit: null,
      logging_steps: 1,
      // Pre-training (task mlm): run_mlm's and BERT's defaults.
      mlm_probability: 0.15,
      whole_word_mask: false,
      next_sentence_prediction: true,
      validation_split_percentage: 5,
    });
  });

  it('has a hint for every setting', () => {
    expect(Object.keys(TRAINING_SETTING_HINTS).sort()).toEqual(Object.keys(DEFAULT_TRAINING_SETTINGS).sort());
    expect(Object.values(TRAINING_SETTING_HINTS).every((hint) => hint.length > 10)).toBe(true);
  });

  it('keeps given values and accepts per_device_train_batch_size for batch_size', () => {
    const settings = parseTrainingSettings({ learning_rate: 5e-5, per_device_train_batch_size: 32, lr_scheduler_type: 'cosine' });
    expect(settings).toMatchObject({ learning_rate: 5e-5, batch_size: 32, lr_scheduler_type: 'cosine', num_train_epochs: 3 });
    expect(parseTrainingSettings({ per_device_train_batch_size: 8, batch_size: 8 }).batch_size).toBe(8);
    expect(issuesOf({ per_device_train_batch_size: 8, batch_size: 16 })).toEqual([
      'training.per_device_train_batch_size (8) and training.batch_size (16) disagree; give one of them',
    ]);
  });

  it('names the field and the value in every message', () => {
    expect(issuesOf({ learning_rate: -1 })).toEqual(['training.learning_rate must be > 0, got -1']);
    expect(issuesOf({ batch_size: 2.5 })).toEqual(['training.batch_size must be a whole number, got 2.5']);
    expect(issuesOf({ num_train_epochs: '3' })).toEqual(['training.num_train_epochs must be a number, got "3"']);
    expect(issuesOf({ warmup_ratio: 1.5 })).toEqual(['training.warmup_ratio must be <= 1, got 1.5']);
    expect(issuesOf({ weight_decay: Number.NaN })).toEqual(['training.weight_decay must be a number, got NaN']);
    expect(issuesOf({ lr_scheduler_type: 'step' })).toEqual([
      'training.lr_scheduler_type must be one of linear, cosine, constant_with_warmup, constant, got "step"',
    ]);
    expect(issuesOf({ shuffle: 'yes' })).toEqual(['training.shuffle must be true or false, got "yes"']);
    expect(issuesOf({ frozen_layers: [0, -2] })).toEqual(['training.frozen_layers[1] must be >= 0, got -2']);
    expect(issuesOf({ dropout: 1 })).toEqual(['training.dropout must be < 1, got 1']);
    expect(issuesOf({ learning_rat: 1e-4 })).toEqual(['training.learning_rat is not a training setting']);
    expect(issuesOf(null)).toEqual(['training settings must be an object, got null']);
  });

  it('reports every problem at once, with the field for the UI', () => {
    try {
      parseTrainingSettings({ learning_rate: 0, logging_steps: 0 });
      expect.unreachable();
    } catch (error) {
      expect((error as TrainingSettingsError).issues.map((issue) => issue.field)).toEqual(['learning_rate', 'logging_steps']);
      expect((error as Error).message).toBe('training.learning_rate must be > 0, got 0\ntraining.logging_steps must be >= 1, got 0');
    }
  });

  it("normalises Transformers' conventions: max_steps -1, repeated frozen layers", () => {
    expect(parseTrainingSettings({ max_steps: -1 }).max_steps).toBe(0);
    expect(parseTrainingSettings({ frozen_layers: [3, 1, 3] }).frozen_layers).toEqual([1, 3]);
    expect(parseTrainingSettings({ dropout: 0.2 }).dropout).toBe(0.2);
  });

  it('derives greater_is_better from the metric as Trainer does', () => {
    expect(parseTrainingSettings({ metric_for_best_model: 'f1' })).toMatchObject({ greater_is_better: true });
    expect(parseTrainingSettings({ metric_for_best_model: 'eval_loss' })).toMatchObject({ greater_is_better: false });
    expect(parseTrainingSettings({ metric_for_best_model: 'f1', greater_is_better: false }).greater_is_better).toBe(false);
    expect(bestModelMetricKey({ metric_for_best_model: 'f1' })).toBe('eval_f1');
    expect(bestModelMetricKey({ metric_for_best_model: 'eval_loss' })).toBe('eval_loss');
  });
});
