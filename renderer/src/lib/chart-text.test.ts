import { describe, expect, it } from 'vitest';
import { countsSummary, seriesSummary } from './chart-text';

describe('chart text alternatives', () => {
  it('say each series’ latest value with where it started and its range', () => {
    const loss = { name: 'loss', points: [{ x: 1, y: 0.7 }, { x: 2, y: 0.4 }, { x: 3, y: 0.5 }] };
    expect(seriesSummary([loss, { name: 'eval_accuracy', points: [{ x: 3, y: 0.8 }] }], 'step')).toBe(
      'loss 0.5 at step 3 (first 0.7, lowest 0.4, highest 0.7); eval_accuracy 0.8 at step 3',
    );
    expect(seriesSummary([{ name: 'loss', points: [] }], 'step')).toBe('no points yet');
  });

  it('list counts by name', () => {
    expect(countsSummary({ negative: 912, positive: 1088 })).toBe('negative 912, positive 1088');
  });
});
