import { describe, expect, it } from 'vitest';
import { isUncertain, wilsonInterval } from './interval';

describe('wilsonInterval', () => {
  // Newcombe (1998), "Two-sided confidence intervals for the single proportion", Table I,
  // method 3 (Wilson score interval without continuity correction).
  it.each([
    [81, 263, 0.2553, 0.3662],
    [15, 148, 0.0624, 0.1605],
    [0, 20, 0, 0.1611],
    [1, 29, 0.0061, 0.1718],
  ])('%i of %i gives Newcombe\'s [%f, %f]', (successes, n, low, high) => {
    const interval = wilsonInterval(successes, n);
    expect(interval.low).toBeCloseTo(low, 4);
    expect(interval.high).toBeCloseTo(high, 4);
    expect(interval.value).toBeCloseTo(successes / n, 12);
  });

  it('says how little 3 right out of 6 means', () => {
    const interval = wilsonInterval(3, 6);
    expect(interval.low).toBeCloseTo(0.1876, 4);
    expect(interval.high).toBeCloseTo(0.8124, 4);
    expect(isUncertain(interval)).toBe(true);
    expect(isUncertain(wilsonInterval(436, 872))).toBe(false); // SST-2 dev: ±3.3 points
  });

  it('stays inside [0, 1] and covers everything for no examples', () => {
    const all = wilsonInterval(10, 10);
    expect(all.high).toBeCloseTo(1, 12);
    expect(all.low).toBeGreaterThan(0.69);
    expect(wilsonInterval(0, 0)).toMatchObject({ low: 0, high: 1, n: 0 });
    expect(() => wilsonInterval(3, 2)).toThrow('successes must be in 0..2');
  });
});
