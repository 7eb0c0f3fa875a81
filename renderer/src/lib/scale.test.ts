import { describe, expect, it } from 'vitest';
import { niceScale } from './scale';

describe('niceScale', () => {
  it('puts ticks on round numbers that cover the data', () => {
    const s = niceScale(0.6857, 0.6956);
    expect(s.domain[0]).toBeLessThanOrEqual(0.6857);
    expect(s.domain[1]).toBeGreaterThanOrEqual(0.6956);
    expect(s.ticks.map(s.format)).toEqual(['0.6850', '0.6875', '0.6900', '0.6925', '0.6950', '0.6975']);
  });

  it('labels neighbouring ticks differently even for a tiny range', () => {
    const s = niceScale(0.69301, 0.69312);
    const labels = s.ticks.map(s.format);
    expect(new Set(labels).size).toBe(labels.length);
  });

  it('starts at zero for learning rates and writes them as exponents', () => {
    const s = niceScale(0, 2.1e-5);
    expect(s.ticks.map(s.format)).toEqual(['0', '1e-5', '2e-5', '3e-5']);
    const fine = niceScale(0, 3e-6);
    expect(fine.ticks.map(fine.format)).toEqual(['0', '1e-6', '2e-6', '3e-6']);
  });

  it('ends for a range of one ulp (a loss and its EMA differing by rounding), which froze the run view', () => {
    // The first two loss points of a real run: their smoothed copy differs by 1.1e-16.
    const s = niceScale(0.6985975503921508, 0.6985975503921509);
    expect(s.ticks.length).toBeGreaterThan(1);
    expect(s.ticks.length).toBeLessThan(20);
    expect(s.domain[0]).toBeLessThanOrEqual(0.6985975503921508);
  });

  it('handles a flat series and integers', () => {
    expect(niceScale(5, 5).ticks.length).toBeGreaterThan(1);
    expect(niceScale(0, 8).ticks.map(niceScale(0, 8).format)).toEqual(['0', '2', '4', '6', '8']);
  });
});
