import { describe, expect, it } from 'vitest';
import { bestIndex, bestValue, metricDirection, metricTable } from './best-values';

describe('metricDirection', () => {
  it('losses and times are better low, scores high', () => {
    expect(metricDirection('eval_loss')).toBe('min');
    expect(metricDirection('train_seconds')).toBe('min');
    expect(metricDirection('eval_accuracy')).toBe('max');
    expect(metricDirection('eval_f1')).toBe('max');
  });
});

describe('bestIndex', () => {
  it('skips missing values and keeps the first of ties', () => {
    expect(bestIndex([undefined, 0.5, 0.7, 0.7], 'max')).toBe(2);
    expect(bestIndex([0.3, undefined, 0.2], 'min')).toBe(2);
    expect(bestIndex([undefined, Number.NaN], 'min')).toBe(-1);
  });
});

describe('bestValue', () => {
  it('marks nothing when all runs agree or only one has the metric', () => {
    expect(bestValue([0.5, 0.5], 'max')).toBeUndefined();
    expect(bestValue([0.5, undefined], 'max')).toBeUndefined();
    expect(bestValue([0.5, 0.7, 0.7], 'max')).toBe(0.7);
  });
});

describe('metricTable', () => {
  it('marks every run that ties for best', () => {
    const t = metricTable([{ eval_f1: 0.7 }, { eval_f1: 0.7 }, { eval_f1: 0.6 }], 0);
    expect(t.rows.map((r) => r[0]!.best)).toEqual([true, true, false]);
  });

  const runs = [
    { eval_loss: 0.6, eval_accuracy: 0.7 },
    { eval_loss: 0.4, eval_accuracy: 0.8 },
    { eval_loss: 0.5 },
  ];

  it('orders losses first and marks the best per column', () => {
    const t = metricTable(runs, 0);
    expect(t.columns).toEqual(['eval_loss', 'eval_accuracy']);
    expect(t.rows.map((r) => r[0]!.best)).toEqual([false, true, false]);
    expect(t.rows.map((r) => r[1]!.best)).toEqual([false, true, false]);
  });

  it('gives deltas against the baseline with the right sense of better', () => {
    const t = metricTable(runs, 0);
    expect(t.rows[0]![0]!.delta).toBeUndefined();
    expect(t.rows[1]![0]!.delta).toBeCloseTo(-0.2);
    expect(t.rows[1]![0]!.better).toBe(true);
    expect(t.rows[1]![1]!.delta).toBeCloseTo(0.1);
    expect(t.rows[1]![1]!.better).toBe(true);
    expect(t.rows[2]![1]!.delta).toBeUndefined();
  });

  it('does not mark a best when only one run has the metric', () => {
    const t = metricTable([{ eval_f1: 0.5 }, {}], -1);
    expect(t.rows[0]![0]!.best).toBe(false);
    expect(t.rows[0]![0]!.delta).toBeUndefined();
  });
});
