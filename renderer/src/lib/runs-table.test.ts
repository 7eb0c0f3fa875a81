import { describe, expect, it } from 'vitest';
import type { RunRecord } from '../../../electron/contract';
import { filterChoices, filterRuns, metricColumns, parseTags, runMetric, sortRuns } from './runs-table';

const run = (id: string, extra: Partial<RunRecord> = {}): RunRecord => ({
  id,
  name: id,
  status: 'completed',
  config: { task: 'classification', model: { preset: 'bert-tiny' } },
  created_at: `2026-12-01T10:0${id.length}:00Z`,
  ...extra,
});

const runs = [
  run('a', { final_metrics: { eval_accuracy: 0.8, eval_loss: 0.5 }, tags: ['baseline'] }),
  run('bb', { final_metrics: { eval_accuracy: 0.9, eval_loss: 0.4 }, notes: 'frozen layers 0-1' }),
  run('ccc', { status: 'running', config: { task: 'ner', model: { preset: 'bert-mini' } }, best_metric: { name: 'eval_f1', value: 0.3, step: 4 } }),
  run('dddd', { status: 'failed' }),
];

describe('the runs table', () => {
  it('has a column per evaluation metric, losses first', () => {
    expect(metricColumns(runs)).toEqual(['eval_loss', 'eval_accuracy', 'eval_f1']);
    expect(metricColumns([run('x', { final_metrics: { eval_best_f1_thresh: 0.1, eval_runtime: 3 } })])).toEqual([]);
    expect(runMetric(runs[2]!, 'eval_f1')).toBe(0.3);
  });

  it('sorts by a metric either way, runs without it last', () => {
    expect(sortRuns(runs, { key: 'eval_accuracy', descending: true }).map((r) => r.id)).toEqual(['bb', 'a', 'dddd', 'ccc']);
    expect(sortRuns(runs, { key: 'eval_accuracy', descending: false }).map((r) => r.id)).toEqual(['a', 'bb', 'dddd', 'ccc']);
    expect(sortRuns(runs, { key: 'name', descending: false }).map((r) => r.id)).toEqual(['a', 'bb', 'ccc', 'dddd']);
  });

  it('filters by task, model, status, tag and text in the name or notes', () => {
    expect(filterRuns(runs, { task: 'ner' }).map((r) => r.id)).toEqual(['ccc']);
    expect(filterRuns(runs, { model: 'bert-tiny', status: 'completed' }).map((r) => r.id)).toEqual(['a', 'bb']);
    expect(filterRuns(runs, { tag: 'baseline' }).map((r) => r.id)).toEqual(['a']);
    expect(filterRuns(runs, { text: 'FROZEN' }).map((r) => r.id)).toEqual(['bb']);
    expect(filterChoices(runs)).toEqual({ tasks: ['classification', 'ner'], models: ['bert-mini', 'bert-tiny'], statuses: ['completed', 'failed', 'running'], tags: ['baseline'] });
  });

  it('reads tags typed with commas', () => {
    expect(parseTags(' baseline, frozen ,, baseline')).toEqual(['baseline', 'frozen']);
  });
});
