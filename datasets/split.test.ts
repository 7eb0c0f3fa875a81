import { describe, expect, it } from 'vitest';
import { splitTrainValidation } from './split';

const examples = Array.from({ length: 200 }, (_, i) => ({ id: i, label: i % 10 === 0 ? 'rare' : 'common', group: `g${Math.floor(i / 4)}` }));

describe('splitTrainValidation', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const ids = (seed: number) => splitTrainValidation(examples, { validationFraction: 0.1, seed }).validation.map((e) => e.id);
    expect(ids(1)).toEqual(ids(1));
    expect(ids(1)).not.toEqual(ids(2));
    expect(ids(1)).toHaveLength(20);
  });

  it('stratifies by label and keeps file order on each side', () => {
    const { train, validation } = splitTrainValidation(examples, { validationFraction: 0.25, seed: 7 }, { stratum: (e) => e.label });
    expect(validation.filter((e) => e.label === 'rare')).toHaveLength(5);
    expect(validation.filter((e) => e.label === 'common')).toHaveLength(45);
    expect(train).toHaveLength(150);
    expect(validation.map((e) => e.id)).toEqual([...validation.map((e) => e.id)].sort((a, b) => a - b));
  });

  it('keeps groups on one side', () => {
    const { train, validation } = splitTrainValidation(examples, { validationFraction: 0.2, seed: 3 }, { group: (e) => e.group });
    const trainGroups = new Set(train.map((e) => e.group));
    expect(validation.some((e) => trainGroups.has(e.group))).toBe(false);
    expect(validation).toHaveLength(40);
  });

  it('never moves the only example of a label to validation', () => {
    const few = [{ label: 'a' }, { label: 'a' }, { label: 'a' }, { label: 'b' }];
    const { train } = splitTrainValidation(few, { validationFraction: 0.5, seed: 1 }, { stratum: (e) => e.label });
    expect(train.filter((e) => e.label === 'b')).toHaveLength(1);
  });

  it('rejects a fraction outside (0, 1)', () => {
    expect(() => splitTrainValidation(examples, { validationFraction: 1, seed: 1 })).toThrow(RangeError);
  });
});
