// The real data sets in testdata/full/ (copies of ../shared/datasets) parse with the
// counts their SOURCES.md states.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadDatasetFiles } from './read-node';
import { readClassificationFile } from './classification/read';
import { ProblemLog } from './problems';
import { fileSource } from './read-node';
import { entitySpans } from './ner/tags';
import { countBy } from './stats/counts';

const FULL = join(__dirname, 'testdata/full');
const path = (relative: string) => join(FULL, relative);
const entityCount = (examples: { tags: string[] }[]) => examples.reduce((n, e) => n + entitySpans(e.tags).length, 0);

describe('SST-2', () => {
  it('reads train and dev with GLUE column names', async () => {
    const dataset = await loadDatasetFiles('classification', { train: path('sst2/train.tsv'), validation: path('sst2/dev.tsv') });
    expect(dataset.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(dataset.train).toHaveLength(67_349);
    expect(dataset.validation).toHaveLength(872);
    expect(countBy(dataset.validation, (e) => e.label)).toEqual({ '1': 444, '0': 428 });
    expect(dataset.labels).toEqual(['0', '1']);
    expect(dataset.formats).toEqual({ train: 'tsv', validation: 'tsv' });
  });

  it('reads the unlabelled test file when labels are not required', async () => {
    const file = await readClassificationFile(fileSource(path('sst2/test.tsv')), { requireLabels: false }, new ProblemLog());
    expect(file.examples).toHaveLength(1_821);
    expect(file.columns).toEqual({ text: 'sentence' });
  });
});

describe('MRPC', () => {
  it('reads BOM-prefixed TSV with stray quotes as sentence pairs', async () => {
    const dataset = await loadDatasetFiles('classification', { train: path('mrpc/train.tsv'), validation: path('mrpc/dev.tsv') });
    expect(dataset.valid).toBe(true);
    expect(dataset.train).toHaveLength(3_668);
    expect(dataset.validation).toHaveLength(408);
    expect(dataset.train[0]).toMatchObject({
      text: 'Amrozi accused his brother, whom he called "the witness", of deliberately distorting his evidence.',
      textPair: 'Referring to him as only "the witness", Amrozi accused his brother of deliberately distorting his evidence.',
      label: '1',
      line: 2,
    });
    // An unbalanced quote opens the second sentence of this dev row: with quoting off it stays text.
    expect(dataset.validation.some((e) => e.textPair?.startsWith('"The foodservice pie business'))).toBe(true);
  });

  it('reads the test file (1,725 pairs, no labels)', async () => {
    const file = await readClassificationFile(fileSource(path('mrpc/test.tsv')), { requireLabels: false }, new ProblemLog());
    expect(file.examples).toHaveLength(1_725);
    expect(file.columns).toEqual({ text: '#1 String', textPair: '#2 String' });
  });
});

describe('CoNLL-2003', () => {
  it.each([
    ['train.txt', 14_041, 23_499],
    ['valid.txt', 3_250, 5_942],
    ['test.txt', 3_453, 5_648],
  ])('%s: %i sentences, %i entities', async (file, sentences, entities) => {
    const dataset = await loadDatasetFiles('ner', { train: path(`conll2003/${file}`) }, { split: false });
    expect(dataset.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(dataset.train).toHaveLength(sentences);
    expect(entityCount(dataset.train)).toBe(entities);
    expect(dataset.labels).toEqual(['O', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC', 'B-ORG', 'I-ORG', 'B-PER', 'I-PER']);
  });
});

describe('WNUT-17', () => {
  it('reads train (lone-tab sentence breaks), dev and test', async () => {
    const dataset = await loadDatasetFiles('ner', { train: path('wnut17/emerging.train.conll'), validation: path('wnut17/emerging.dev.conll') });
    expect(dataset.train).toHaveLength(3_394);
    expect(dataset.validation).toHaveLength(1_009);
    expect(dataset.stats.train.entities).toMatchObject({ person: 660, location: 548 });
    // The dev set has one entity that starts with I- (line 1674); it is read as B- and reported.
    expect(dataset.problems.filter((p) => p.code === 'invalid-tag-sequence').map((p) => p.line)).toEqual([1674]);
    expect(dataset.valid).toBe(true);
    const test = await loadDatasetFiles('ner', { train: path('wnut17/emerging.test.conll') }, { split: false });
    expect(test.train).toHaveLength(1_287);
  });
});

describe('SQuAD', () => {
  it('reads the v2.0 dev subset: 626 questions, 333 unanswerable', async () => {
    const dataset = await loadDatasetFiles('qa', { train: path('squad/squad-v2.0-dev-subset.haystack-small.json') }, { split: false });
    expect(dataset.problems).toEqual([]);
    expect(dataset.stats.train).toMatchObject({ questions: 626, answerable: 293, unanswerable: 333, articles: 2 });
    // plausible_answers of unanswerable questions are not answers.
    expect(dataset.train.filter((e) => e.isImpossible).every((e) => e.answers.length === 0)).toBe(true);
    // Dev questions keep every annotator's answer.
    expect(dataset.train[1]!.answers.map((a) => a.text)).toEqual(['10th and 11th centuries', 'in the 10th and 11th centuries', '10th and 11th centuries', '10th and 11th centuries']);
  });

  it('reads the v1.1-style file: 293 answerable questions', async () => {
    const dataset = await loadDatasetFiles('qa', { train: path('squad/squad-v1.1-style-derived.json') }, { split: false });
    expect(dataset.problems).toEqual([]);
    expect(dataset.stats.train).toMatchObject({ questions: 293, answerable: 293, unanswerable: 0 });
  });
});
