import { describe, expect, it } from 'vitest';
import { countParameters, formatCount, PRESET_NAMES, PRESETS, presetConfig, validateConfig, withLabels } from './config';

describe('presets', () => {
  it('have the shapes of the paper and the compact BERTs', () => {
    const shapes = PRESET_NAMES.map((name) => {
      const c = PRESETS[name].config;
      return [name, c.num_hidden_layers, c.hidden_size, c.num_attention_heads, c.intermediate_size / c.hidden_size];
    });
    expect(shapes).toEqual([
      ['bert-tiny', 2, 128, 2, 4],
      ['bert-mini', 4, 256, 4, 4],
      ['bert-small', 4, 512, 8, 4],
      ['bert-medium', 8, 512, 8, 4],
      ['bert-base', 12, 768, 12, 4],
      ['bert-large', 24, 1024, 16, 4],
    ]);
    for (const name of PRESET_NAMES) expect(() => validateConfig(PRESETS[name].config)).not.toThrow();
  });

  it('count the parameters of BertModel as Transformers does', () => {
    expect(countParameters(presetConfig('bert-base'))).toBe(109_482_240);
    expect(countParameters(presetConfig('bert-large'))).toBe(335_141_888);
    expect(countParameters(presetConfig('bert-base'), { pooler: false })).toBe(109_482_240 - 768 * 768 - 768);
    expect(formatCount(109_482_240)).toBe('109,482,240');
  });

  it('count head parameters (BertForPreTraining has 110,106,428 with the tied decoder once)', () => {
    const base = presetConfig('bert-base');
    expect(countParameters(base, { head: 'pretraining' })).toBe(110_106_428);
    expect(countParameters(withLabels(base, ['a', 'b', 'c']), { head: 'sequence-classification' })).toBe(109_482_240 + 3 * 768 + 3);
    expect(countParameters(base, { head: 'question-answering', pooler: false })).toBe(109_482_240 - 590_592 + 2 * 768 + 2);
  });
});

describe('validateConfig', () => {
  it('names what is wrong', () => {
    const config = { ...presetConfig('bert-base'), hidden_size: 100 };
    expect(() => validateConfig(config)).toThrow('hidden_size 100 is not divisible by num_attention_heads 12');
    expect(() => validateConfig({ ...presetConfig('bert-tiny'), hidden_act: 'relu' })).toThrow('hidden_act "relu" is not supported');
    expect(() => validateConfig({ ...presetConfig('bert-tiny'), num_hidden_layers: 0 })).toThrow('num_hidden_layers must be a positive integer');
  });
});
