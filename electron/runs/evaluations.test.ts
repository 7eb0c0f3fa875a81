// A run's evaluations on disk and on a test file: the latest and the best evaluation with
// every validation prediction under the model's label names, a labelled test file scored
// with test_* metrics, an unlabelled one predicted, bad files refused by name, and the
// `predict --data` CLI writing the table the app downloads.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceCheckpointDir } from '../../core/model/testing';
import type { ClassificationPredictionRow, ClassificationReport } from '../contract';
import { predictionsCsv } from '../contract/prediction-table';
import { runCli } from '../cli/main';
import { readEvaluation } from './evaluation-files';
import { RunStore } from './run-store';
import { evaluateRunOnFile } from './test-evaluation';
import { runTrainingJob } from './training-job';

let root: string;
let store: RunStore;
let runId: string;
const reviews = ['this movie is good', 'this film is great', 'i love this story', 'the plot is very good', 'this movie is bad', 'this film is terrible', 'i hate this plot', 'the actors are really bad'];
const tsv = (rows: string[], labelled = true) => [labelled ? 'sentence\tlabel' : 'sentence', ...rows.map((text, i) => (labelled ? `${text}\t${i < rows.length / 2 ? 'positive' : 'negative'}` : text))].join('\n') + '\n';

beforeAll(async () => {
  root = mkdtempSync(path.join(tmpdir(), 'evaluations-'));
  store = new RunStore(path.join(root, 'runs'));
  writeFileSync(path.join(root, 'train.tsv'), tsv([...reviews, ...reviews, reviews[0]!]));
  writeFileSync(path.join(root, 'dev.tsv'), tsv(reviews));
  runId = (
    await store.create({
      name: 'cls',
      origin: 'cli',
      config: {
        task: 'classification',
        model: { checkpoint: referenceCheckpointDir('sequence-classification') },
        data: { train: path.join(root, 'train.tsv'), validation: path.join(root, 'dev.tsv') },
        training: { max_steps: 6, batch_size: 4, learning_rate: 1e-3, eval_steps: 3, seed: 1, metric_for_best_model: 'accuracy' },
      },
    })
  ).id;
  const run = await runTrainingJob({ store, runId });
  expect(run.status).toBe('completed');
}, 120_000);
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('evaluations in the run folder', () => {
  it('keeps the latest evaluation with every validation example, under the label names', async () => {
    const last = await readEvaluation(store.dir(runId), 'last');
    expect(last).toMatchObject({ kind: 'last', step: 6 });
    const report = last!.report as ClassificationReport;
    expect(report.labels.sort()).toEqual(['negative', 'positive']);
    expect(report.confusion_matrix.flat().reduce((a, b) => a + b, 0)).toBe(reviews.length);
    expect(report.accuracy.n).toBe(reviews.length);
    expect(report.baseline).toEqual({ label: 'positive', accuracy: 0.5 }); // training: 9 positive of 17
    const predictions = last!.predictions as ClassificationPredictionRow[];
    expect(predictions.map((p) => p.text)).toEqual(reviews);
    expect(predictions.every((p) => ['positive', 'negative'].includes(p.predicted) && p.correct === (p.gold === p.predicted))).toBe(true);
    expect(last!.metrics.eval_accuracy).toBeCloseTo(report.accuracy.value, 12);
  });

  it('keeps the best evaluation by metric_for_best_model, as run.json names it', async () => {
    const run = await store.get(runId);
    const best = await readEvaluation(store.dir(runId), 'best');
    expect(run.best_metric?.name).toBe('eval_accuracy');
    expect(best?.step).toBe(run.best_metric?.step);
    expect(best?.metrics.eval_accuracy).toBe(run.best_metric?.value);
  });

  it('says "none yet" for a test evaluation that never ran', async () => {
    expect(await readEvaluation(store.dir(runId), 'test')).toBeNull();
  });
});

describe('evaluating on a test file', () => {
  it('scores a labelled file with test_* metrics and keeps it as evaluations/test', async () => {
    const file = path.join(root, 'test.tsv');
    writeFileSync(file, tsv([...reviews].reverse()));
    const evaluation = await evaluateRunOnFile(store, runId, file);
    expect(Object.keys(evaluation.metrics).sort()).toEqual(['test_accuracy', 'test_f1', 'test_loss', 'test_precision', 'test_recall']);
    expect(evaluation.predictions).toHaveLength(reviews.length);
    expect(evaluation.report?.task).toBe('classification');
    expect((await readEvaluation(store.dir(runId), 'test'))?.predictions).toEqual(evaluation.predictions);
  });

  it('predicts an unlabelled file, and warns about labels the model does not know', async () => {
    const file = path.join(root, 'unlabelled.tsv');
    writeFileSync(file, tsv(reviews.slice(0, 3), false));
    const evaluation = await evaluateRunOnFile(store, runId, file);
    expect(evaluation.metrics).toEqual({});
    expect(evaluation.report).toBeUndefined();
    expect(evaluation.predictions.map((p) => (p as ClassificationPredictionRow).gold)).toEqual([undefined, undefined, undefined]);

    const other = path.join(root, 'other-labels.tsv');
    writeFileSync(other, 'sentence\tlabel\nthis movie is good\tpositive\nthis film is great\tamazing\n');
    const mixed = await evaluateRunOnFile(store, runId, other);
    expect(mixed.warnings?.[0]).toContain('"amazing"');
    expect(mixed.predictions).toHaveLength(1);
  });

  it('refuses a broken file naming the file and line', async () => {
    const file = path.join(root, 'broken-test.tsv');
    writeFileSync(file, 'sentence\tlabel\nfine\tpositive\n\tpositive\n');
    await expect(evaluateRunOnFile(store, runId, file)).rejects.toThrow(/broken-test\.tsv:3 .*empty text/);
  });

  it('`predict --run --data` writes the CSV the app downloads', async () => {
    const file = path.join(root, 'test.tsv');
    const out = path.join(root, 'predictions.csv');
    const io = { out: '', err: '', isTTY: false, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
    expect(await runCli(['predict', '--run', store.dir(runId), '--data', file, '--output', out], io)).toBe(0);
    expect(io.err).toMatch(/test_accuracy \d/);
    const app = await evaluateRunOnFile(store, runId, file);
    expect(readFileSync(out, 'utf8')).toBe(predictionsCsv(app.predictions));
    expect(readFileSync(out, 'utf8').split('\r\n')[0]).toBe('index,text,gold,predicted,confidence,correct');
  });
});
