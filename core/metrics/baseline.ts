// The score to beat: always predicting the training set's most frequent class. A model
// whose accuracy does not clear it has learnt nothing beyond the class shares, which a
// skewed validation set would otherwise hide (90% accuracy on a 90/10 split is nothing).

export interface MajorityBaseline {
  /** The class id predicted for every example: the most frequent training label (ties: the lowest id). */
  classId: number;
  /** Its accuracy on the evaluated labels. */
  accuracy: number;
}

/** undefined when there are no training labels to count. */
export function majorityBaseline(trainLabels: readonly number[], evaluatedLabels: readonly number[]): MajorityBaseline | undefined {
  const counts = new Map<number, number>();
  for (const label of trainLabels) counts.set(label, (counts.get(label) ?? 0) + 1);
  let classId: number | undefined;
  let most = 0;
  for (const [label, count] of counts) {
    if (count > most || (count === most && classId !== undefined && label < classId)) {
      classId = label;
      most = count;
    }
  }
  if (classId === undefined) return undefined;
  const hits = evaluatedLabels.filter((label) => label === classId).length;
  return { classId, accuracy: evaluatedLabels.length === 0 ? 0 : hits / evaluatedLabels.length };
}
