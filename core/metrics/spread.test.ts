import { describe, expect, it } from 'vitest';
import { median, spreadOf } from './spread';

describe('spreadOf', () => {
  it('takes the middle value, or the mean of the two middle ones, and the range', () => {
    expect(spreadOf([3, 1, 2])).toEqual({ median: 2, min: 1, max: 3 });
    expect(spreadOf([4, 1, 3, 2])).toEqual({ median: 2.5, min: 1, max: 4 });
    expect(median([5])).toBe(5);
  });

  it('is NaN for no values rather than a made-up number', () => {
    expect(spreadOf([])).toEqual({ median: NaN, min: NaN, max: NaN });
  });
});
