import { describe, expect, it } from 'vitest';
import { Rng } from './random';

describe('Rng', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = new Rng(42);
    const b = new Rng(42);
    const c = new Rng(43);
    const draws = (r: Rng) => Array.from({ length: 5 }, () => r.nextUint32());
    const fromA = draws(a);
    expect(draws(b)).toEqual(fromA);
    expect(draws(c)).not.toEqual(fromA);
  });

  it('resumes from a saved state with the same draws', () => {
    const rng = new Rng(7);
    rng.nextFloat();
    const saved = rng.getState();
    const expected = Array.from({ length: 10 }, () => rng.nextFloat());
    const resumed = Rng.fromState(saved);
    expect(Array.from({ length: 10 }, () => resumed.nextFloat())).toEqual(expected);
  });

  it('draws floats in [0, 1) with a plausible mean, and permutations of every index', () => {
    const rng = new Rng(1);
    let sum = 0;
    for (let i = 0; i < 10000; i++) {
      const x = rng.nextFloat();
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
      sum += x;
    }
    expect(sum / 10000).toBeCloseTo(0.5, 1);
    expect([...rng.permutation(50)].sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('draws normals with mean 0 and variance 1', () => {
    const rng = new Rng(3);
    const xs = Array.from({ length: 20000 }, () => rng.nextNormal());
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const variance = xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length;
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(Math.abs(variance - 1)).toBeLessThan(0.05);
  });
});
