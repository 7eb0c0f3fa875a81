import { describe, expect, it } from 'vitest';
import { majorityBaseline } from './baseline';

describe('majorityBaseline', () => {
  it('predicts the most frequent training class and scores it on the evaluated labels', () => {
    // train: class 1 x3, class 0 x2; validation: 4 of 6 are class 1.
    expect(majorityBaseline([1, 0, 1, 0, 1], [1, 1, 0, 1, 2, 1])).toEqual({ classId: 1, accuracy: 4 / 6 });
  });
  it('breaks ties by the lower id and needs training labels', () => {
    expect(majorityBaseline([2, 0, 2, 0], [0, 2])?.classId).toBe(0);
    expect(majorityBaseline([], [0, 1])).toBeUndefined();
    expect(majorityBaseline([1], [])).toEqual({ classId: 1, accuracy: 0 });
  });
});
