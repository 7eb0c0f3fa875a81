// A sentence as a file states it, before its tags are checked and converted to IOB2.
// Where each tag sits in the file differs by format, so each reader says how to point at one.
import type { ProblemWhere } from '../problems';

export interface RawSentence {
  tokens: string[];
  tags: string[];
  line: number;
  /** Where tag `index` of this sentence is in the file. */
  tagAt(index: number): ProblemWhere;
}
