// The distillation row of bench/RESULTS.md: teacher, distilled and plain student side by
// side with the gain, and `bench --distillation` putting its row into the latest run
// without touching the other tables.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { addToLatestRun, readResults } from '../../../bench/results-store-node';
import { resultsMarkdown, type BenchRun, type DistillationRow } from '../../../bench/results-table';

const machine = { cpus: 2, cpu_model: 'test cpu', memory_gb: 24, node: 'v20' };
const row = (distilled: number, plain: number): DistillationRow => ({
  name: 'distillation',
  dataset: 'sst2',
  metric: 'eval_accuracy',
  teacher: { preset: 'bert-small', steps: 300, value: 0.78 },
  distilled: { preset: 'bert-tiny', steps: 150, value: distilled },
  plain: { preset: 'bert-tiny', steps: 150, value: plain },
  temperature: 2,
  alpha: 0.5,
  seed: 42,
  seconds: 600,
  backend: 'native-cpu',
});
const scratch = mkdtempSync(path.join(tmpdir(), 'bench-distillation-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the distillation bench row', () => {
  it('shows the three accuracies and the gain of distillation over plain training, beside the previous gain', () => {
    const previous: BenchRun = { date: '2024-01-01', machine, results: [row(0.74, 0.75)] };
    const latest: BenchRun = { date: '2024-01-02', machine, results: [row(0.77, 0.744)] };
    expect(resultsMarkdown(latest, previous)).toContain(
      '| sst2 | eval_accuracy | 0.780 (bert-small, 300 steps) | 0.770 (bert-tiny, 150 steps) | 0.744 (bert-tiny, 150 steps) | +0.026 | −0.010 | 0 | 2 | 0.5 | native-cpu | 600 |',
    );
  });

  it('names what the teacher was trained on and the unlabelled sentences the distilled student saw, each setting beside its own previous gain', () => {
    const full = (distilled: number): DistillationRow => {
      const base = row(distilled, 0.744);
      return { ...base, teacher: { ...base.teacher, train_sentences: 67349 }, unlabelled_sentences: 6000 };
    };
    const previous: BenchRun = { date: '2024-01-01', machine, results: [row(0.74, 0.75), full(0.75)] };
    const latest: BenchRun = { date: '2024-01-02', machine, results: [row(0.77, 0.744), full(0.79)] };
    const markdown = resultsMarkdown(latest, previous);
    expect(markdown).toContain('| 0.780 (bert-small, 300 steps on 67,349 sentences) | 0.790 (bert-tiny, 150 steps) | 0.744 (bert-tiny, 150 steps) | +0.046 | +0.006 | 6,000 |');
    expect(markdown).toContain('| 0.780 (bert-small, 300 steps) | 0.770 (bert-tiny, 150 steps) | 0.744 (bert-tiny, 150 steps) | +0.026 | −0.010 | 0 |');
  });

  it('bench --distillation replaces the latest run\'s distillation row and keeps its other rows', async () => {
    const files = { json: path.join(scratch, 'results.json'), markdown: path.join(scratch, 'RESULTS.md') };
    const tokenizer = { name: 'tokenizer' as const, chars_per_second: 1000, tokens_per_second: 200, chars: 10 };
    writeFileSync(files.json, JSON.stringify({ runs: [{ date: '2024-01-02', machine, results: [tokenizer, row(0.7, 0.7)] }] }));
    await addToLatestRun([{ ...row(0.77, 0.744), date: '2024-01-03T00:00:00.000Z' }], files, machine);
    const [run] = readResults(files.json).runs;
    expect(run!.results).toEqual([tokenizer, { ...row(0.77, 0.744), date: '2024-01-03T00:00:00.000Z' }]);
    const markdown = readFileSync(files.markdown, 'utf8');
    expect(markdown).toContain('## Tokenizer');
    expect(markdown).toContain('+0.026');
    expect(markdown).toContain('Measured on 2024-01-03T00:00:00.000Z (`bert-workbench bench --distillation`).');
  });

  it('keeps the tables that only earlier runs measured, as a whole run\'s markdown does', async () => {
    const files = { json: path.join(scratch, 'history.json'), markdown: path.join(scratch, 'HISTORY.md') };
    const tokenizer = { name: 'tokenizer' as const, chars_per_second: 1000, tokens_per_second: 200, chars: 10 };
    writeFileSync(files.json, JSON.stringify({ runs: [{ date: '2024-01-01', machine, results: [tokenizer] }, { date: '2024-01-02', machine, results: [row(0.7, 0.7)] }] }));
    await addToLatestRun([{ ...row(0.77, 0.744), date: '2024-01-03T00:00:00.000Z' }], files, machine);
    const markdown = readFileSync(files.markdown, 'utf8');
    expect(markdown).toContain('## Tokenizer');
    expect(markdown).toContain('(measured by the run of 2024-01-01; this run did not measure it)');
  });
});
