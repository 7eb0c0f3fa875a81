// A CSV whose columns no data set names (review_body, stars_sentiment) trains end to end
// through the run config's data.columns, and data.label_names become the model's id2label
// and the run record's labels.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from './run-store';
import { runTrainingJob } from './training-job';
import { exportRun } from './export-run';

const REVIEWS = path.join(import.meta.dirname, '../../datasets/testdata/valid/reviews.csv');
let root: string;
let store: RunStore;
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'column-mapping-run-'));
  store = new RunStore(path.join(root, 'runs'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('a run on review_body,stars_sentiment', () => {
  it('trains with data.columns and data.label_names; config.json, run.json and the model card carry the names', async () => {
    const config = {
      task: 'classification',
      model: { preset: 'bert-tiny' },
      data: { train: REVIEWS, columns: { text: 'review_body', label: 'stars_sentiment' }, label_names: { negative: 'Negative', positive: 'Positive' } },
      training: { max_steps: 2, batch_size: 8, eval_steps: 2, seed: 3 },
    };
    const { id } = await store.create({ name: 'reviews', config, origin: 'cli' });
    const run = await runTrainingJob({ store, runId: id });
    expect(run.error).toBeUndefined();
    expect(run.status).toBe('completed');
    expect(run.labels).toEqual(['Negative', 'Positive']);
    const modelConfig = JSON.parse(readFileSync(path.join(store.dir(id), 'model', 'config.json'), 'utf8'));
    expect(modelConfig.id2label).toEqual({ 0: 'Negative', 1: 'Positive' });
    expect(modelConfig.label2id).toEqual({ Negative: 0, Positive: 1 });

    const exported = await exportRun(store, id, { format: 'hf', outDir: path.join(root, 'export') });
    expect(exported.warnings?.join('\n') ?? '').not.toContain('could not read the run\'s data');
    const card = readFileSync(path.join(exported.path, 'README.md'), 'utf8');
    expect(card).toContain('`Negative`, `Positive`');
    expect(card).toContain('reviews.csv');
  }, 120_000);

  it('names the column it cannot find', async () => {
    const config = { task: 'classification', model: { preset: 'bert-tiny' }, data: { train: REVIEWS, columns: { text: 'body' } }, training: { max_steps: 1 } };
    const { id } = await store.create({ name: 'wrong column', config, origin: 'cli' });
    const run = await runTrainingJob({ store, runId: id });
    expect(run.status).toBe('failed');
    expect(run.error).toContain('missing column "body" (given for the text); the file has "review_body", "stars_sentiment"');
  }, 60_000);
});
