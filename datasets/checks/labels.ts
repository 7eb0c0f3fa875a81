// Checks on label (or entity type) counts that hold for classification and NER alike.
import type { ProblemLog, ProblemWhere } from '../problems';

/** Fewer training examples than this and the model will hardly learn a label. */
export const RARE_LABEL_COUNT = 10;
/** Most common / least common at or above this ratio is worth a warning. */
export const IMBALANCE_RATIO = 10;

export function checkLabelBalance(counts: Record<string, number>, what: string, file: string, log: ProblemLog): void {
  const entries = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const [most, least] = [entries[0], entries[entries.length - 1]];
  if (!most || !least || entries.length < 2) return;
  if (most[1] >= IMBALANCE_RATIO * least[1]) {
    const ratio = Math.round(most[1] / least[1]);
    log.warning(file, 'class-imbalance', `${what}s are imbalanced: "${most[0]}" has ${most[1]} examples, "${least[0]}" ${least[1]} (${ratio}×); watch per-${what} scores, not only accuracy`);
  }
  for (const [label, count] of entries) {
    if (count < RARE_LABEL_COUNT) log.warning(file, 'rare-label', `${what} "${label}" has only ${count} training example${count === 1 ? '' : 's'}; the model will hardly learn it`);
  }
}

/** Each use of a label the training data never shows is an error at the place it is used. */
export function checkKnownLabels(uses: Iterable<{ label: string; where: ProblemWhere }>, known: ReadonlySet<string>, what: string, file: string, log: ProblemLog): void {
  const list = [...known].slice(0, 12).map((l) => `"${l}"`).join(', ');
  for (const { label, where } of uses) {
    if (!known.has(label)) log.error(file, 'unknown-label', `${what} "${label}" does not occur in the training data (which has ${list}${known.size > 12 ? ', …' : ''})`, where);
  }
}
