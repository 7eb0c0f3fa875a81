import { describe, expect, it } from 'vitest';
import { learningRateAt, learningRateCurve, lrMultiplier, resolveWarmupSteps, sampledLearningRateCurve, type LrSchedulerType } from './schedule';
import reference from '../testdata/bert-reference/train-sequence-classification.json';

describe('learning-rate schedules', () => {
  it('reproduces the reference run step for step, exactly', () => {
    const { spec, steps } = reference;
    const schedule = {
      type: spec.schedule as LrSchedulerType,
      baseLr: spec.learning_rate,
      totalSteps: spec.total_steps,
      warmupSteps: spec.warmup_steps,
    };
    // The fixture counts steps from 1; the schedule from 0.
    expect(steps.map((s) => learningRateAt(schedule, s.step - 1))).toEqual(steps.map((s) => s.learning_rate));
    expect(learningRateCurve(schedule)).toEqual(steps.map((s) => s.learning_rate));
  });

  // total 10, warmup 4: steps 0, warmup-1, warmup, mid (7) and total-1.
  const probes = [0, 3, 4, 7, 9];
  const expected: Record<LrSchedulerType, number[]> = {
    linear: [0, 3 / 4, 1, 3 / 6, 1 / 6], // (10 - t) / (10 - 4) after warmup
    // progress (t - 4) / 6: 0 -> 1, 0.5 -> 0.5, 5/6 -> (1 + cos(5pi/6)) / 2 = (1 - sqrt(3)/2) / 2
    cosine: [0, 3 / 4, 1, 0.5, (1 - Math.sqrt(3) / 2) / 2],
    constant_with_warmup: [0, 3 / 4, 1, 1, 1],
    constant: [1, 1, 1, 1, 1], // ignores warmup, as get_constant_schedule
  };
  for (const [type, values] of Object.entries(expected) as [LrSchedulerType, number[]][]) {
    it(`${type}: multiplier at 0, warmup-1, warmup, mid and total-1`, () => {
      const got = probes.map((t) => lrMultiplier(type, t, 4, 10));
      got.forEach((value, i) => expect(value).toBeCloseTo(values[i]!, 15));
    });
  }

  it('scales the base rate and starts at lr 0 only when there is warmup', () => {
    expect(learningRateAt({ type: 'linear', baseLr: 2e-5, totalSteps: 10, warmupSteps: 4 }, 4)).toBe(2e-5);
    expect(learningRateAt({ type: 'linear', baseLr: 2e-5, totalSteps: 10, warmupSteps: 0 }, 0)).toBe(2e-5);
    expect(learningRateAt({ type: 'linear', baseLr: 2e-5, totalSteps: 10, warmupSteps: 1 }, 0)).toBe(0);
  });

  it('never goes below 0 past the end of the run', () => {
    expect(lrMultiplier('linear', 12, 2, 10)).toBe(0);
    expect(lrMultiplier('cosine', 10, 2, 10)).toBeCloseTo(0, 15);
  });

  it('resolves warmup like Trainer.get_warmup_steps', () => {
    expect(resolveWarmupSteps(100, { warmup_steps: 0, warmup_ratio: 0.1 })).toBe(10);
    expect(resolveWarmupSteps(25, { warmup_steps: 0, warmup_ratio: 0.1 })).toBe(3); // ceil(2.5)
    // 100 * 0.07 is 7.000000000000001 in floating point; Python's math.ceil gives 8 too.
    expect(resolveWarmupSteps(100, { warmup_steps: 0, warmup_ratio: 0.07 })).toBe(8);
    expect(resolveWarmupSteps(100, { warmup_steps: 7, warmup_ratio: 0.1 })).toBe(7);
    expect(resolveWarmupSteps(100, { warmup_steps: 0, warmup_ratio: 0 })).toBe(0);
  });

  it('gives the whole curve for the preview', () => {
    const curve = learningRateCurve({ type: 'linear', baseLr: 1, totalSteps: 5, warmupSteps: 1 });
    expect(curve).toEqual([0, 1, 3 / 4, 2 / 4, 1 / 4]);
  });
});

describe('sampledLearningRateCurve (the bounded preview)', () => {
  it('samples at most maxPoints steps, corners included, with the exact learning rate of each', () => {
    for (const type of ['linear', 'cosine', 'constant_with_warmup', 'constant'] as const) {
      const schedule = { type, baseLr: 3e-5, totalSteps: 40_000_000, warmupSteps: 4_000_000 };
      const points = sampledLearningRateCurve(schedule, 400);
      expect(points.length).toBeLessThanOrEqual(400);
      expect(points.length).toBeGreaterThan(300);
      const steps = points.map((p) => p.step);
      expect(steps).toEqual([...steps].sort((a, b) => a - b));
      expect(new Set(steps).size).toBe(steps.length);
      for (const corner of [0, 3_999_999, 4_000_000, 39_999_999]) expect(steps, `${type} ${corner}`).toContain(corner);
      for (const p of points) expect(p.learning_rate).toBe(learningRateAt(schedule, p.step));
    }
  });

  it('gives every step of a short run, and nothing for an empty one', () => {
    const schedule = { type: 'linear' as const, baseLr: 1, totalSteps: 5, warmupSteps: 1 };
    expect(sampledLearningRateCurve(schedule, 400)).toEqual(learningRateCurve(schedule).map((learning_rate, step) => ({ step, learning_rate })));
    expect(sampledLearningRateCurve({ ...schedule, totalSteps: 0 }, 400)).toEqual([]);
  });
});
