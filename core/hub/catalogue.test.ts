// The catalogue's figures are derived from the configs, and agree with what the Hub serves:
// parameter counts as Transformers' BertModel counts them, download sizes within the few
// kilobytes of a file header of the real files.
import { describe, expect, it } from 'vitest';
import { PRESET_NAMES } from '../model/config';
import { CATALOGUE, catalogueDownloadBytes, catalogueEntry, catalogueParameters, DEFAULT_CATALOGUE_ID, pretrainedEquivalent } from './catalogue';
import { isRevisionName, validateRepoId } from './hub';
import { TransferRate } from './progress';

describe('the catalogue', () => {
  it('holds the checkpoints issue #14 names, each id valid and once', () => {
    const ids = CATALOGUE.map((e) => e.hubId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(validateRepoId(id)).toBe(id);
    expect(ids).toEqual([
      'google/bert_uncased_L-2_H-128_A-2',
      'google/bert_uncased_L-4_H-256_A-4',
      'google/bert_uncased_L-4_H-512_A-8',
      'google/bert_uncased_L-8_H-512_A-8',
      'google-bert/bert-base-uncased',
      'google-bert/bert-base-cased',
      'google-bert/bert-large-uncased',
      'google-bert/bert-large-cased',
      'google-bert/bert-base-multilingual-cased',
      'dmis-lab/biobert-base-cased-v1.2',
      'allenai/scibert_scivocab_uncased',
      'ProsusAI/finbert',
      'nlpaueb/legal-bert-base-uncased',
      'emilyalsentzer/Bio_ClinicalBERT',
    ]);
    expect(catalogueEntry(DEFAULT_CATALOGUE_ID)?.name).toBe('BERT-Tiny');
    expect(catalogueEntry('bert-base-uncased')?.hubId).toBe('google-bert/bert-base-uncased');
    expect(isRevisionName('main')).toBe(true);
  });

  it('counts parameters as BertModel does (with pooler)', () => {
    const params = Object.fromEntries(CATALOGUE.map((e) => [e.hubId, catalogueParameters(e)]));
    expect(params['google/bert_uncased_L-2_H-128_A-2']).toBe(4_385_920);
    expect(params['google-bert/bert-base-uncased']).toBe(109_482_240);
    expect(params['google-bert/bert-large-uncased']).toBe(335_141_888);
    expect(params['google-bert/bert-base-cased']).toBe(108_310_272);
    expect(params['google-bert/bert-base-multilingual-cased']).toBe(177_853_440);
  });

  it("estimates download sizes within 0.1% of the Hub's file", () => {
    // The size of bert-base-uncased's model.safetensors on the Hub (bytes); the header (names, shapes) is the difference.
    const hub = { 'google-bert/bert-base-uncased': 440_449_768 };
    for (const [id, bytes] of Object.entries(hub)) {
      const estimate = catalogueDownloadBytes(catalogueEntry(id)!);
      expect(estimate).toBeLessThan(bytes);
      expect(Math.abs(estimate - bytes) / bytes).toBeLessThan(0.001);
    }
    // FinBERT stores a 3-label classifier, not the pre-training heads.
    expect(catalogueDownloadBytes(catalogueEntry('ProsusAI/finbert')!)).toBe((109_482_240 + 768 * 3 + 3) * 4);
  });

  it('gives every preset its pretrained equivalent of the same shape', () => {
    const twins = Object.fromEntries(PRESET_NAMES.map((p) => [p, pretrainedEquivalent(p)?.hubId]));
    expect(twins).toEqual({
      'bert-tiny': 'google/bert_uncased_L-2_H-128_A-2',
      'bert-mini': 'google/bert_uncased_L-4_H-256_A-4',
      'bert-small': 'google/bert_uncased_L-4_H-512_A-8',
      'bert-medium': 'google/bert_uncased_L-8_H-512_A-8',
      'bert-base': 'google-bert/bert-base-uncased',
      'bert-large': 'google-bert/bert-large-uncased',
    });
  });
});

describe('TransferRate', () => {
  it('measures speed over its window and the time left', () => {
    const rate = new TransferRate(2000);
    expect(rate.estimate(1000)).toEqual({});
    rate.add(0, 0);
    rate.add(1000, 500);
    expect(rate.estimate(1500)).toEqual({ bytesPerSecond: 500, etaSeconds: 2 });
    // A stall: the window forgets the fast start.
    rate.add(5000, 500);
    rate.add(6000, 500);
    expect(rate.estimate(1500).bytesPerSecond).toBe(0);
    expect(rate.estimate(undefined).etaSeconds).toBeUndefined();
  });
});
