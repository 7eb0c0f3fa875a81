import { describe, expect, it } from 'vitest';
import { accumulationWindows, planTrainingSteps } from './steps';

describe('planTrainingSteps', () => {
  it('counts updates per epoch with a short last window, and epochs from max_steps', () => {
    // 100 examples / 16 = 7 batches (the last has 4); accumulation 2 -> 4 updates per epoch.
    const base = { numExamples: 100, batchSize: 16, gradientAccumulationSteps: 2, numTrainEpochs: 3, maxSteps: 0 };
    expect(planTrainingSteps(base)).toEqual({ batchesPerEpoch: 7, updatesPerEpoch: 4, totalSteps: 12, numEpochs: 3 });
    expect(planTrainingSteps({ ...base, numTrainEpochs: 1.5 }).totalSteps).toBe(6);
    expect(planTrainingSteps({ ...base, maxSteps: 5 })).toMatchObject({ totalSteps: 5, numEpochs: 2 });
  });

  it('makes at least one update per epoch', () => {
    const plan = planTrainingSteps({ numExamples: 3, batchSize: 16, gradientAccumulationSteps: 8, numTrainEpochs: 2, maxSteps: 0 });
    expect(plan).toEqual({ batchesPerEpoch: 1, updatesPerEpoch: 1, totalSteps: 2, numEpochs: 2 });
  });
});

describe('accumulationWindows', () => {
  it('splits an epoch into windows, the last one holding the remainder', () => {
    expect(accumulationWindows(7, 2)).toEqual([2, 2, 2, 1]);
    expect(accumulationWindows(8, 4)).toEqual([4, 4]);
    expect(accumulationWindows(3, 1)).toEqual([1, 1, 1]);
    expect(accumulationWindows(2, 5)).toEqual([2]);
  });
});
