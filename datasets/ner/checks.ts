// Checks across an NER data set: entity types too rare to learn, types only validation
// has, and words the tokenizer drops.
import type { ProblemLog } from '../problems';
import { nerTokenLine, type NerExample } from '../types';
import { checkKnownLabels, checkLabelBalance } from '../checks/labels';
import { countBy } from '../stats/counts';
import type { NerStats } from './stats';
import { entitySpans } from './tags';

export function checkEntityTypes(train: readonly NerExample[], trainFile: string, log: ProblemLog): void {
  const counts = countBy(train.flatMap((e) => entitySpans(e.tags)), (span) => span.type);
  if (Object.keys(counts).length === 0 && train.length > 0) {
    log.error(trainFile, 'no-entities', 'no entities in the training data: every tag is O');
    return;
  }
  checkLabelBalance(counts, 'entity type', trainFile, log);
}

export function checkValidationEntityTypes(train: readonly NerExample[], validation: readonly NerExample[], validationFile: string, log: ProblemLog): void {
  const known = new Set(train.flatMap((e) => entitySpans(e.tags).map((span) => span.type)));
  if (known.size === 0) return;
  const uses = validation.flatMap((e) => entitySpans(e.tags).map((span) => ({ label: span.type, where: { line: nerTokenLine(e, span.start), field: `tags[${span.start}]` } })));
  checkKnownLabels(uses, known, 'entity type', validationFile, log);
}

export function warnEmptyWords(stats: NerStats, file: string, log: ProblemLog): void {
  for (const { line, index, word } of stats.emptyWordSamples ?? []) {
    const codePoints = [...word].map((c) => `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ');
    log.warning(file, 'no-word-pieces', `word ${index + 1} of the sentence ("${word}", ${codePoints || 'empty'}) gives no word pieces: it gets no label in training and is predicted as O`, { line, field: `tokens[${index}]` });
  }
  const more = (stats.wordsWithoutPieces ?? 0) - (stats.emptyWordSamples?.length ?? 0);
  if (more > 0) log.warning(file, 'no-word-pieces-more', `…and ${more} more words that give no word pieces`);
}
