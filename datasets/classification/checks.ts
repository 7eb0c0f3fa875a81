// Checks across a classification data set: labels that training cannot learn or that
// validation uses but training never showed.
import type { ProblemLog } from '../problems';
import type { ClassificationExample } from '../types';
import { checkKnownLabels, checkLabelBalance } from '../checks/labels';
import { countBy } from '../stats/counts';

export function checkClassificationLabels(train: readonly ClassificationExample[], trainFile: string, log: ProblemLog): void {
  const counts = countBy(train, (e) => e.label);
  const labels = Object.keys(counts);
  if (labels.length === 1) {
    log.error(trainFile, 'single-label', `every training example has the label "${labels[0]}"; classification needs at least two labels`);
    return;
  }
  checkLabelBalance(counts, 'label', trainFile, log);
}

export function checkValidationLabels(train: readonly ClassificationExample[], validation: readonly ClassificationExample[], validationFile: string, log: ProblemLog): void {
  const known = new Set(train.map((e) => e.label));
  if (known.size === 0) return;
  const uses = validation.map((e) => ({ label: e.label, where: { line: e.line, field: 'label' } }));
  checkKnownLabels(uses, known, 'label', validationFile, log);
}
