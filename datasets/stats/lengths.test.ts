import { describe, expect, it } from 'vitest';
import { lengthStats } from './lengths';

describe('lengthStats', () => {
  it('summarises lengths and counts those over max_seq_length', () => {
    const stats = lengthStats([3, 5, 8, 130, 9, 128], 128);
    expect(stats).toMatchObject({ count: 6, min: 3, max: 130, median: 9, p95: 130, overMax: 1 });
    expect(stats.mean).toBeCloseTo(47.1667, 3);
  });

  it('bins by a power of two so that max_seq_length falls on a bin edge', () => {
    const stats = lengthStats([0, 1, 200, 511], 256);
    expect(stats.histogram).toHaveLength(32);
    expect(stats.histogram[0]).toEqual({ from: 0, to: 16, count: 2 });
    expect(stats.histogram.some((b) => b.from === 256)).toBe(true);
    expect(stats.histogram.reduce((n, b) => n + b.count, 0)).toBe(4);
  });

  it('handles no examples', () => {
    expect(lengthStats([], 128)).toMatchObject({ count: 0, max: 0, overMax: 0, histogram: [{ from: 0, to: 1, count: 0 }] });
  });
});
