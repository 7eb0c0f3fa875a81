import { describe, expect, it } from 'vitest';
import type { TrainingSettings } from '../../../electron/contract';
import { changedSettings, draftFromConfig, draftToConfig, retargetSettings, taskDefaults, trainingExamples, updateSetting, type RunDraft } from './run-config';

const defaults: TrainingSettings = {
  learning_rate: 2e-5, num_train_epochs: 3, max_steps: 0, batch_size: 16, gradient_accumulation_steps: 1, warmup_ratio: 0.1, warmup_steps: 0,
  lr_scheduler_type: 'linear', weight_decay: 0.01, max_grad_norm: 1, freeze_embeddings: false, freeze_layers: 0, frozen_layers: [],
  train_head_only: false, layerwise_lr_decay: 1, seed: 42, shuffle: true, dropout: null, gradient_checkpointing: false, max_seq_length: 128, doc_stride: 128, eval_steps: 0,
  early_stopping_patience: 0, metric_for_best_model: 'loss', greater_is_better: false, load_best_model_at_end: false, save_steps: 0, save_total_limit: null, logging_steps: 1,
  mlm_probability: 0.15, whole_word_mask: false, next_sentence_prediction: true, validation_split_percentage: 5,
};

const all = { settings: defaults, taskDefaults: { classification: {}, ner: {}, qa: { max_seq_length: 384, doc_stride: 128 }, mlm: {} } };

describe('task defaults', () => {
  it('puts the task’s own defaults over the general ones', () => {
    expect(taskDefaults(all, 'qa').max_seq_length).toBe(384);
    expect(taskDefaults(all, 'ner').max_seq_length).toBe(128);
  });

  it('switching task moves untouched settings to the new task’s defaults and keeps changed ones', () => {
    const changed = { ...defaults, batch_size: 8 };
    const qa = retargetSettings(changed, taskDefaults(all, 'classification'), taskDefaults(all, 'qa'));
    expect(qa.max_seq_length).toBe(384);
    expect(qa.batch_size).toBe(8);
    const custom = retargetSettings({ ...defaults, max_seq_length: 64 }, taskDefaults(all, 'classification'), taskDefaults(all, 'qa'));
    expect(custom.max_seq_length).toBe(64);
  });

  it('a QA config leaves out the QA defaults', () => {
    const draft: RunDraft = { name: '', task: 'qa', data: { train: '/q.json' }, model: { preset: 'bert-tiny' }, training: taskDefaults(all, 'qa') };
    expect(draftToConfig(draft, all).training).toEqual({});
  });
});

describe('draftToConfig', () => {
  it('writes only the settings that differ from the defaults', () => {
    const draft: RunDraft = {
      name: 'tiny',
      task: 'classification',
      data: { train: '/s/train.tsv', validation: '/s/dev.tsv' },
      model: { preset: 'bert-tiny' },
      training: { ...defaults, max_steps: 8, batch_size: 8, frozen_layers: [0, 1] },
    };
    expect(draftToConfig(draft, all)).toEqual({
      task: 'classification',
      model: { preset: 'bert-tiny' },
      data: { train: '/s/train.tsv', validation: '/s/dev.tsv' },
      training: { max_steps: 8, batch_size: 8, frozen_layers: [0, 1] },
    });
    expect(changedSettings(defaults, defaults)).toEqual({});
  });
});

describe('draftFromConfig', () => {
  it('round-trips a config, reading the batch size alias', () => {
    const config = { task: 'ner', model: { checkpoint: '/m' }, data: { train: '/t.conll' }, training: { per_device_train_batch_size: 4, learning_rate: 5e-5, bogus: 1 } };
    const draft = draftFromConfig(config, all, 'copy');
    expect(draft.task).toBe('ner');
    expect(draft.model).toEqual({ checkpoint: '/m' });
    expect(draft.data).toEqual({ train: '/t.conll' });
    expect(draft.training.batch_size).toBe(4);
    expect(draft.training.learning_rate).toBe(5e-5);
    expect('bogus' in draft.training).toBe(false);
    expect(draftToConfig(draft, all).training).toEqual({ batch_size: 4, learning_rate: 5e-5 });
  });
});

describe('updateSetting', () => {
  it('greater_is_better follows the metric until the person sets it', () => {
    const f1 = updateSetting(defaults, 'metric_for_best_model', 'f1');
    expect(f1.greater_is_better).toBe(true);
    const custom = updateSetting(updateSetting(defaults, 'greater_is_better', true), 'metric_for_best_model', 'eval_loss');
    expect(custom.greater_is_better).toBe(true);
  });
});

describe('trainingExamples', () => {
  it('counts QA windows, else examples, sentences or questions', () => {
    expect(trainingExamples({ questions: 10, windows: 14 })).toBe(14);
    expect(trainingExamples({ sentences: 7 })).toBe(7);
    expect(trainingExamples({ examples: 3 })).toBe(3);
  });
});
