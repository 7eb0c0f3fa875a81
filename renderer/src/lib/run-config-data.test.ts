// The data step's choices in the run config (data.columns, data.label_names) and back, and
// the report cache's key for them.
import { describe, expect, it } from 'vitest';
import type { TrainingSettings } from '../../../electron/contract';
import { reportKey } from '../store/datasets-slice';
import { draftFromConfig, draftToConfig, type RunDraft } from './run-config';

/** The renderer sees the contract only: a stand-in for the service's defaults. */
const DEFAULT_TRAINING_SETTINGS = { learning_rate: 2e-5, batch_size: 16, max_seq_length: 128 } as unknown as TrainingSettings;
const all = { settings: DEFAULT_TRAINING_SETTINGS, taskDefaults: { classification: {}, ner: {}, qa: {}, mlm: {} } };

describe('columns and label names in the run config', () => {
  it('go into data and come back for duplicate-and-edit', () => {
    const draft: RunDraft = {
      name: '',
      task: 'classification',
      data: { train: '/d/reviews.csv', columns: { text: 'review_body', label: 'stars_sentiment' }, label_names: { negative: 'Negative' } },
      model: { preset: 'bert-tiny' },
      training: DEFAULT_TRAINING_SETTINGS,
    };
    const config = draftToConfig(draft, all);
    expect(config.data).toEqual({ train: '/d/reviews.csv', columns: { text: 'review_body', label: 'stars_sentiment' }, label_names: { negative: 'Negative' } });
    expect(draftFromConfig(config as unknown as Record<string, unknown>, all).data).toEqual(draft.data);
  });

  it('empty choices stay out of the config', () => {
    const draft: RunDraft = { name: '', task: 'classification', data: { train: '/t.csv', columns: {}, label_names: {} }, model: { preset: 'bert-tiny' }, training: DEFAULT_TRAINING_SETTINGS };
    expect(draftToConfig(draft, all).data).toEqual({ train: '/t.csv' });
  });
});

describe('reportKey', () => {
  it('is the same for the same request, whatever the key order, and empty choices are none', () => {
    const a = reportKey({ task: 'classification', train: '/t.csv', columns: { text: 'a', label: 'b' } });
    const b = reportKey({ task: 'classification', train: '/t.csv', columns: { label: 'b', text: 'a' } });
    expect(a).toBe(b);
    expect(reportKey({ task: 'classification', train: '/t.csv', columns: {} })).toBe(reportKey({ task: 'classification', train: '/t.csv' }));
    expect(reportKey({ task: 'classification', train: '/t.csv', labelNames: { '0': 'x' } })).not.toBe(reportKey({ task: 'classification', train: '/t.csv' }));
  });
});
