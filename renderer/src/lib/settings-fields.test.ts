import { describe, expect, it } from 'vitest';
import { fieldsOf, formatFieldValue, parseFieldInput, SETTING_FIELDS } from './settings-fields';

describe('settings fields', () => {
  it('every setting is in exactly one group; doc_stride only for QA, the pre-training settings only for pre-training', () => {
    const groups = ['common', 'optimizer', 'freezing', 'evaluation', 'reproducibility'] as const;
    const all = [...new Set([...groups.flatMap((g) => fieldsOf(g, 'qa')), ...groups.flatMap((g) => fieldsOf(g, 'mlm'))])];
    expect(all.sort()).toEqual(Object.keys(SETTING_FIELDS).sort());
    expect(fieldsOf('common', 'classification')).not.toContain('doc_stride');
    const pretraining = ['mlm_probability', 'whole_word_mask', 'next_sentence_prediction', 'validation_split_percentage'];
    expect(groups.flatMap((g) => fieldsOf(g, 'classification')).filter((k) => pretraining.includes(k))).toEqual([]);
    expect(groups.flatMap((g) => fieldsOf(g, 'mlm')).filter((k) => pretraining.includes(k)).sort()).toEqual([...pretraining].sort());
  });

  it('parses numbers, whole numbers and optional numbers', () => {
    expect(parseFieldInput('number', '3e-5')).toEqual({ ok: true, value: 3e-5 });
    expect(parseFieldInput('integer', '8')).toEqual({ ok: true, value: 8 });
    expect(parseFieldInput('integer', '8.5')).toEqual({ ok: false, error: 'needs a whole number' });
    expect(parseFieldInput('number', 'abc').ok).toBe(false);
    expect(parseFieldInput('optional-number', '')).toEqual({ ok: true, value: null });
  });

  it('parses layer lists', () => {
    expect(parseFieldInput('integer-list', '3, 1 1')).toEqual({ ok: true, value: [1, 3] });
    expect(parseFieldInput('integer-list', '')).toEqual({ ok: true, value: [] });
    expect(parseFieldInput('integer-list', '1, x').ok).toBe(false);
    expect(formatFieldValue([1, 3])).toBe('1, 3');
    expect(formatFieldValue(null)).toBe('');
  });
});
