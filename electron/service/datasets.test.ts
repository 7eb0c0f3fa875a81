// datasets.inspect for a pre-training corpus: counted under the presets' bert-base-uncased
// vocabulary by default, or under the vocabulary of the checkpoint a run will use.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceCheckpointDir } from '../../core/model/testing';
import { inspectDataset } from './datasets';

let root: string;
let corpus: string;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'inspect-corpus-'));
  corpus = path.join(root, 'corpus.txt');
  // 東 and 京 are in bert-base-uncased's vocabulary, not among the reference checkpoint's 143 tokens.
  writeFileSync(corpus, 'the movie is good\nthe 東京 film was in paris\n\nthe plot is bad\ni love the story\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('inspecting a corpus', () => {
  it('counts word pieces and [UNK]s under the default vocabulary or a checkpoint\'s', async () => {
    const byDefault = await inspectDataset({ task: 'mlm', train: corpus });
    if (byDefault.task !== 'mlm') throw new Error('expected a corpus report');
    expect(byDefault.stats.train.unknownTokens).toBe(0);
    const underCheckpoint = await inspectDataset({ task: 'mlm', train: corpus, model: { checkpoint: referenceCheckpointDir('pretraining') } });
    if (underCheckpoint.task !== 'mlm') throw new Error('expected a corpus report');
    expect(underCheckpoint.stats.train.unknownTokens).toBeGreaterThan(0);
    expect(underCheckpoint.preview.train[0]!.sentences).toEqual(['the movie is good', 'the 東京 film was in paris']);
  });

  it('says when the model it was given cannot count, and counts with the default vocabulary', async () => {
    const report = await inspectDataset({ task: 'mlm', train: corpus, model: { checkpoint: path.join(root, 'nowhere') } });
    expect(report.tokenizer).toMatch(/nowhere.*is not downloaded yet/);
  });
});
