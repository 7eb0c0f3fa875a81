import { describe, expect, it } from 'vitest';
import type { CatalogueInfo } from '../../../electron/contract';
import { modelKey, modelLabel, runWeights, startsFromRandomWeights, weightsLabel } from './model-source';
import { draftFromConfig } from './run-config';

const tiny = { hubId: 'google/bert_uncased_L-2_H-128_A-2', name: 'BERT-Tiny' } as CatalogueInfo;
const commit = '0123456789abcdef0123456789abcdef01234567';

describe('model sources in the UI', () => {
  it('names a model by the catalogue, its revision, or as random weights', () => {
    expect(modelLabel({ hub: tiny.hubId, revision: 'main' }, [tiny])).toBe('BERT-Tiny (google/bert_uncased_L-2_H-128_A-2)');
    expect(modelLabel({ hub: 'org/x', revision: 'v2' }, [tiny])).toBe('org/x @ v2');
    expect(modelLabel({ preset: 'bert-tiny' }, [tiny])).toBe('bert-tiny (random weights)');
    expect(modelKey({ hub: 'a/b', revision: 'main' }, 'ner')).toBe(modelKey({ hub: 'a/b', revision: '' }, 'ner'));
  });

  it('warns for fine-tuning from a preset only', () => {
    expect(startsFromRandomWeights({ preset: 'bert-tiny' }, 'classification')).toBe(true);
    expect(startsFromRandomWeights({ preset: 'bert-tiny' }, 'mlm')).toBe(false);
    expect(startsFromRandomWeights({ hub: tiny.hubId, revision: 'main' }, 'classification')).toBe(false);
  });

  it("says where a run's weights came from", () => {
    expect(weightsLabel({ source: 'hub', id: tiny.hubId, revision: 'main', commit })).toBe('google/bert_uncased_L-2_H-128_A-2 @ 0123456789 (main)');
    expect(weightsLabel({ source: 'random', preset: 'bert-mini', seed: 3 })).toBe('random init: bert-mini, seed 3');
    expect(weightsLabel({ source: 'folder', path: '/m', sha256: 'f'.repeat(64) })).toBe('/m (sha256 ffffffffff…)');
    expect(runWeights({ config: { model: { hub: 'a/b' } } })).toBe('a/b (not started yet)');
  });

  it('reads a Hub model back into the form, and defaults to the pretrained catalogue model', () => {
    const defaults = { settings: {} as never, taskDefaults: {} as never };
    expect(draftFromConfig({ task: 'ner', model: { hub: 'a/b', revision: 'v1' } }, defaults).model).toEqual({ hub: 'a/b', revision: 'v1' });
    expect(draftFromConfig({ task: 'ner' }, defaults).model).toEqual({ hub: 'google/bert_uncased_L-2_H-128_A-2', revision: 'main' });
  });
});
