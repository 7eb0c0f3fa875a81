// Learning-rate schedules as pure functions of the optimizer step, with the formulas of
// Transformers' `get_scheduler` (optimization.py) so that a run here uses, step for step,
// the learning rate a Trainer run with the same settings would use.
//
// Step t is 0-based and counts optimizer updates (not micro-batches): t = 0 is the first
// update. Transformers' LambdaLR evaluates the multiplier at the current step before the
// scheduler advances, so with warmup the first update runs at lr 0.

export const LR_SCHEDULER_TYPES = ['linear', 'cosine', 'constant_with_warmup', 'constant'] as const;
export type LrSchedulerType = (typeof LR_SCHEDULER_TYPES)[number];

export interface LrSchedule {
  type: LrSchedulerType;
  /** The peak learning rate (`learning_rate`). */
  baseLr: number;
  /** Optimizer updates in the whole run. */
  totalSteps: number;
  /** Already resolved; see `resolveWarmupSteps`. */
  warmupSteps: number;
}

/**
 * `warmup_steps` wins when > 0; otherwise `ceil(total * warmup_ratio)`, as Trainer's
 * `get_warmup_steps`. The ceiling runs on the float product, so 100 * 0.07 (= 7.000000000000001)
 * gives 8, exactly as it does in Python.
 */
export function resolveWarmupSteps(totalSteps: number, warmup: { warmup_steps: number; warmup_ratio: number }): number {
  return warmup.warmup_steps > 0 ? warmup.warmup_steps : Math.ceil(totalSteps * warmup.warmup_ratio);
}

/** The factor f(t) that multiplies the base learning rate at optimizer step t. */
export function lrMultiplier(type: LrSchedulerType, step: number, warmupSteps: number, totalSteps: number): number {
  // `constant` is Transformers' get_constant_schedule: it ignores warmup entirely.
  if (type === 'constant') return 1;
  if (step < warmupSteps) return step / Math.max(1, warmupSteps);
  const decaySteps = Math.max(1, totalSteps - warmupSteps);
  switch (type) {
    case 'constant_with_warmup':
      return 1;
    case 'linear':
      return Math.max(0, (totalSteps - step) / decaySteps);
    case 'cosine': {
      // num_cycles = 0.5: half a cosine wave, from 1 down to 0 at the last step.
      const progress = (step - warmupSteps) / decaySteps;
      return Math.max(0, 0.5 * (1 + Math.cos(Math.PI * progress)));
    }
  }
}

/** The learning rate of optimizer step t (0-based). */
export function learningRateAt(schedule: LrSchedule, step: number): number {
  return schedule.baseLr * lrMultiplier(schedule.type, step, schedule.warmupSteps, schedule.totalSteps);
}

/** Every step's learning rate, index = step (for tests and short runs; see sampledLearningRateCurve). */
export function learningRateCurve(schedule: LrSchedule): number[] {
  return Array.from({ length: schedule.totalSteps }, (_, step) => learningRateAt(schedule, step));
}

export interface LrPoint {
  step: number;
  learning_rate: number;
}

/**
 * The curve at no more than `maxPoints` steps, whatever the run's length: what the UI
 * previews before a run starts. Every schedule is linear or smooth between its corners
 * (the first step, the warmup's last step and peak, the last step), so the corners plus
 * evenly spaced steps draw it faithfully; a run of 40 million steps costs no more than
 * one of 400.
 */
export function sampledLearningRateCurve(schedule: LrSchedule, maxPoints: number): LrPoint[] {
  const last = schedule.totalSteps - 1;
  if (last < 0) return [];
  const corners = [0, schedule.warmupSteps - 1, schedule.warmupSteps, last].filter((step) => step >= 0 && step <= last);
  const spaced = Math.max(2, maxPoints - corners.length);
  const steps = new Set(corners);
  for (let i = 0; i < spaced && steps.size < maxPoints; i++) steps.add(Math.round((i * last) / (spaced - 1)));
  return [...steps].sort((a, b) => a - b).map((step) => ({ step, learning_rate: learningRateAt(schedule, step) }));
}
