// A validation set carved from the training file when none is given. Deterministic for a
// seed (the same run config always trains on the same examples), stratified by label so
// that a rare class is not left out of validation by chance, and grouped where examples
// share text (QA questions on one context) so that validation never reads a context the
// model trained on.
import { Rng } from '../core/random';

export interface SplitOptions {
  /** Share of the examples that go to validation, e.g. 0.1. */
  validationFraction: number;
  seed: number;
}

export interface SplitKeys<E> {
  /** Stratify by this key (the label): each key's examples are split in proportion. */
  stratum?: (example: E) => string;
  /** Keep examples with one group key on the same side. */
  group?: (example: E) => string;
}

export interface TrainValidation<E> {
  train: E[];
  validation: E[];
}

export function splitTrainValidation<E>(examples: readonly E[], options: SplitOptions, keys: SplitKeys<E> = {}): TrainValidation<E> {
  const { validationFraction, seed } = options;
  if (!(validationFraction > 0 && validationFraction < 1)) throw new RangeError(`validationFraction must be between 0 and 1, got ${validationFraction}`);
  const rng = new Rng(seed);
  // Units are groups of example indices; without a group function every example is its own unit.
  const units = groupIndices(examples, keys.group);
  const strata = new Map<string, number[][]>();
  for (const unit of units) {
    const key = keys.stratum ? keys.stratum(examples[unit[0]!]!) : '';
    const list = strata.get(key) ?? [];
    list.push(unit);
    strata.set(key, list);
  }
  const inValidation = new Set<number>();
  // Sorted keys: the split must not depend on the order labels first appear in.
  for (const key of [...strata.keys()].sort()) {
    const stratumUnits = strata.get(key)!;
    const total = stratumUnits.reduce((sum, unit) => sum + unit.length, 0);
    const target = Math.round(total * validationFraction);
    let taken = 0;
    for (const u of rng.permutation(stratumUnits.length)) {
      if (taken >= target) break;
      const unit = stratumUnits[u]!;
      // Never take so much that the stratum disappears from training.
      if (taken + unit.length > target && taken > 0) continue;
      if (taken + unit.length >= total) continue;
      for (const index of unit) inValidation.add(index);
      taken += unit.length;
    }
  }
  // File order within each side, so that line numbers stay meaningful in listings.
  const split: TrainValidation<E> = { train: [], validation: [] };
  examples.forEach((example, i) => (inValidation.has(i) ? split.validation : split.train).push(example));
  return split;
}

function groupIndices<E>(examples: readonly E[], group: ((example: E) => string) | undefined): number[][] {
  if (!group) return examples.map((_, i) => [i]);
  const byKey = new Map<string, number[]>();
  examples.forEach((example, i) => {
    const key = group(example);
    const list = byKey.get(key) ?? [];
    list.push(i);
    byKey.set(key, list);
  });
  return [...byKey.values()];
}
