import { describe, expect, it } from 'vitest';
import { configDiff, flattenConfig, formatConfigValue } from './config-diff';

const base = { task: 'classification', model: { preset: 'bert-tiny' }, data: { train: '/d/train.tsv' }, training: { max_steps: 8, batch_size: 8 } };

describe('flattenConfig', () => {
  it('dots nested objects and keeps arrays whole', () => {
    expect(flattenConfig({ a: { b: 1, c: [1, 2] }, d: null })).toEqual({ 'a.b': 1, 'a.c': [1, 2], d: null });
  });
});

describe('configDiff', () => {
  const defaults = { learning_rate: 2e-5, frozen_layers: [], freeze_layers: 0, batch_size: 16, max_steps: 0 };

  it('shows only the settings that differ, e.g. the frozen layers', () => {
    const frozen = { ...base, training: { ...base.training, frozen_layers: [0, 1] } };
    expect(configDiff([base, frozen], defaults)).toEqual([{ key: 'training.frozen_layers', values: [[], [0, 1]] }]);
  });

  it('treats an explicit default the same as a missing setting', () => {
    const explicit = { ...base, training: { ...base.training, learning_rate: 2e-5 } };
    expect(configDiff([base, explicit], defaults)).toEqual([]);
  });

  it('reads Trainer’s per_device_train_batch_size as batch_size', () => {
    const alias = { ...base, training: { max_steps: 8, per_device_train_batch_size: 8 } };
    expect(configDiff([base, alias], defaults)).toEqual([]);
  });

  it('lists model before training keys and handles more than two runs', () => {
    const large = { ...base, model: { preset: 'bert-large' } };
    const lr = { ...base, training: { ...base.training, learning_rate: 5e-5 } };
    const rows = configDiff([base, large, lr], defaults);
    expect(rows.map((r) => r.key)).toEqual(['model.preset', 'training.learning_rate']);
    expect(rows[1]!.values).toEqual([2e-5, 2e-5, 5e-5]);
  });

  it('a key only one config has counts as a difference', () => {
    const ckpt = { ...base, model: { checkpoint: '/models/x' } };
    expect(configDiff([base, ckpt]).map((r) => r.key)).toEqual(['model.checkpoint', 'model.preset']);
  });
});

describe('formatConfigValue', () => {
  it('prints lists and missing values readably', () => {
    expect(formatConfigValue([0, 1])).toBe('[0, 1]');
    expect(formatConfigValue(undefined)).toBe('—');
    expect(formatConfigValue('linear')).toBe('linear');
    expect(formatConfigValue(true)).toBe('true');
  });
});
