// loadDataset end to end: validation split, labels, statistics with the tokenizer.
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { BertTokenizer } from '../core/tokenizer';
import { loadDefaultTokenizer } from '../core/tokenizer/load-node';
import { loadDataset } from './load';
import { loadDatasetFiles } from './read-node';
import { memorySource } from './source';
import { countBy } from './stats/counts';

const SAMPLES = join(__dirname, 'samples');
let tokenizer: BertTokenizer;
beforeAll(async () => {
  tokenizer = await loadDefaultTokenizer();
});

describe('loadDataset', () => {
  it('carves a stratified, seeded validation split when there is no validation file', async () => {
    const load = (seed: number) => loadDatasetFiles('classification', { train: join(SAMPLES, 'sst2/train.tsv') }, { split: { validationFraction: 0.2, seed } });
    const [a, b] = await Promise.all([load(5), load(5)]);
    expect(a.validationFrom).toBe('split');
    expect(a.validation.map((e) => e.line)).toEqual(b.validation.map((e) => e.line));
    expect(a.train.length + a.validation.length).toBe(2000);
    const all = countBy([...a.train, ...a.validation], (e) => e.label);
    const validation = countBy(a.validation, (e) => e.label);
    for (const label of ['0', '1']) expect(validation[label]).toBe(Math.round(all[label]! * 0.2));
  });

  it('splits QA by context: no validation question reads a training context', async () => {
    const dataset = await loadDatasetFiles('qa', { train: join(SAMPLES, 'squad-v2/train.json') });
    const trainContexts = new Set(dataset.train.map((e) => e.context));
    expect(dataset.validation.length).toBeGreaterThan(20);
    expect(dataset.validation.some((e) => trainContexts.has(e.context))).toBe(false);
  });

  it('computes token statistics and the truncation count with a tokenizer', async () => {
    const dataset = await loadDatasetFiles('classification', { train: join(SAMPLES, 'sst2/train.tsv'), validation: join(SAMPLES, 'sst2/dev.tsv') }, { tokenizer, maxSeqLength: 32 });
    const lengths = dataset.stats.validation.lengths!;
    expect(lengths.count).toBe(872);
    expect(lengths.min).toBeGreaterThanOrEqual(3);
    expect(lengths.histogram.reduce((n, bin) => n + bin.count, 0)).toBe(872);
    expect(lengths.overMax).toBeGreaterThan(0);
    expect(dataset.problems).toContainEqual(expect.objectContaining({ code: 'truncated', file: join(SAMPLES, 'sst2/dev.tsv'), message: expect.stringContaining(`${lengths.overMax} of 872 validation examples`) }));
  });

  it('counts NER entities and QA windows', async () => {
    const ner = await loadDatasetFiles('ner', { train: join(SAMPLES, 'wnut17/train.conll'), validation: join(SAMPLES, 'wnut17/dev.conll') }, { tokenizer });
    expect(Object.keys(ner.stats.validation.entities).sort()).toEqual(['corporation', 'creative-work', 'group', 'location', 'person', 'product']);
    expect(ner.labels[0]).toBe('O');
    expect(ner.labels).toHaveLength(13);
    const qa = await loadDatasetFiles('qa', { train: join(SAMPLES, 'squad-v2/train.json') }, { tokenizer, split: false, maxSeqLength: 128, docStride: 32 });
    expect(qa.stats.train.windows).toBeGreaterThan(qa.stats.train.questions);
    expect(qa.stats.train.unanswerableShare).toBeCloseTo(221 / 418, 5);
  });

  it('counts pairs and their combined length', async () => {
    const dataset = await loadDataset({
      task: 'classification',
      train: memorySource('pairs.jsonl', '{"sentence1": "A cat.", "sentence2": "A dog.", "label": "no"}\n{"sentence1": "Hi", "sentence2": "Hello", "label": "yes"}\n'),
      tokenizer,
      split: false,
    });
    expect(dataset.stats.train).toMatchObject({ examples: 2, pairs: 2, labels: { no: 1, yes: 1 } });
    expect(dataset.stats.train.lengths).toMatchObject({ min: 5, max: 9 });
  });
});
