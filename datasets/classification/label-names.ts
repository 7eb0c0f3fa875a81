// Label names (data.label_names): the labels as a file writes them ("0", "1", "pos") → the
// names a person wants to read ("negative", "positive") in the preview, the statistics,
// the model's id2label and every page after. Renaming is applied when the file is read,
// so everything downstream sees names only; ids still follow the labels as written.
import type { ProblemLog } from '../problems';
import type { LabelList } from '../task-definition';
import type { ClassificationExample } from '../types';
import { sortLabels } from '../stats/counts';

export type LabelNames = Readonly<Record<string, string>>;

/** The new name of `label`, if it has one (own keys only: "constructor" is a label like any other). */
function nameOf(names: LabelNames, label: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(names, label) ? names[label] : undefined;
}

/**
 * Gives labels their names. A name that is already another label of the file would merge
 * two labels silently, so it is an error; a rename of a label the file does not have is a
 * warning (a typo, or the labels of another file).
 */
export function renameLabels(examples: readonly ClassificationExample[], names: LabelNames, file: string, log: ProblemLog): ClassificationExample[] {
  const written = new Set(examples.map((e) => e.label));
  const known = [...written].slice(0, 12).map((l) => `"${l}"`).join(', ');
  for (const [from, to] of Object.entries(names)) {
    if (!written.has(from)) log.warning(file, 'unknown-label-name', `label_names renames "${from}", which no example of the file has (its labels: ${known})`, { field: 'label' });
    else if (to !== from && written.has(to) && nameOf(names, to) === undefined) {
      log.error(file, 'label-name-taken', `label_names renames "${from}" to "${to}", which is already a label of the file: the two would become one`, { field: 'label' });
    }
  }
  return examples.map((e) => {
    const name = nameOf(names, e.label);
    return name === undefined ? e : { ...e, label: name };
  });
}

/**
 * Ids follow the labels as the file writes them ("0", "1", … numerically), whatever they
 * are renamed to: renaming "1" to "negative" must not change which id is which.
 */
export function classificationLabels(train: readonly ClassificationExample[], names: LabelNames | undefined): LabelList {
  if (!names) return { names: sortLabels(train.map((e) => e.label)) };
  const writtenAs = new Map(Object.entries(names).map(([from, to]) => [to, from]));
  const asWritten = sortLabels(train.map((e) => writtenAs.get(e.label) ?? e.label));
  return { names: asWritten.map((label) => nameOf(names, label) ?? label), asWritten };
}
