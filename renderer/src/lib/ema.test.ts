import { describe, expect, it } from 'vitest';
import { emaSmooth } from './ema';

describe('emaSmooth', () => {
  it('weight 0 returns the raw values', () => {
    expect(emaSmooth([3, 1, 2], 0)).toEqual([3, 1, 2]);
  });

  it('is debiased: the first point equals the first value and a constant stays constant', () => {
    const out = emaSmooth([5, 5, 5, 5], 0.9);
    for (const v of out) expect(v).toBeCloseTo(5, 12);
  });

  it('follows the TensorBoard formula', () => {
    const w = 0.6;
    const out = emaSmooth([1, 0], w);
    expect(out[0]).toBeCloseTo(1, 12);
    // last = (0.4*1)*0.6 + 0.4*0 = 0.24; debias 1 - 0.36 = 0.64
    expect(out[1]).toBeCloseTo(0.24 / 0.64, 12);
  });

  it('passes non-finite values through without disturbing the average', () => {
    const out = emaSmooth([2, Number.NaN, 2], 0.5);
    expect(out[0]).toBeCloseTo(2);
    expect(Number.isNaN(out[1])).toBe(true);
    expect(out[2]).toBeCloseTo(2);
  });
});
