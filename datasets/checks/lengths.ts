// Warnings from token lengths: examples that max_seq_length would cut.
import type { ProblemLog } from '../problems';
import type { LengthStats } from '../stats/lengths';
import { share } from '../stats/counts';

/** `consequence` says what truncation costs for the task. */
export function warnTruncation(lengths: LengthStats | undefined, splitName: string, consequence: string, file: string, log: ProblemLog): void {
  if (!lengths || lengths.overMax === 0) return;
  log.warning(
    file,
    'truncated',
    `${lengths.overMax} of ${lengths.count} ${splitName} examples (${share(lengths.overMax, lengths.count)}) are longer than max_seq_length ${lengths.maxSeqLength} word pieces (longest ${lengths.max}); ${consequence}`,
  );
}
