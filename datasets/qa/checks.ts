// Checks across a QA data set.
import type { ProblemLog } from '../problems';
import type { QaExample } from '../types';

/** A model that never saw an unanswerable question in training cannot learn to abstain. */
export function checkUnanswerableCoverage(train: readonly QaExample[], validation: readonly QaExample[], validationFile: string, log: ProblemLog): void {
  const trainHas = train.some((e) => e.isImpossible);
  const validationCount = validation.filter((e) => e.isImpossible).length;
  if (!trainHas && validationCount > 0 && train.length > 0) {
    log.warning(validationFile, 'unanswerable-not-in-train', `${validationCount} validation questions are unanswerable, but the training data has none (SQuAD 1.1 style): the model will not learn to answer "no answer"`);
  }
}
