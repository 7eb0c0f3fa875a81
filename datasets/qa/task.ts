// QA's part in loading a data set.
import type { TaskDefinition } from '../task-definition';
import { checkUnanswerableCoverage } from './checks';
import { readQaFile } from './read';
import { qaStats } from './stats';

export const qaTask: TaskDefinition<'qa'> = {
  defaultMaxSeqLength: 384,
  read: readQaFile,
  checkTrain: () => {},
  checkValidation: checkUnanswerableCoverage,
  // Span prediction has no label vocabulary.
  labels: () => ({ names: [] }),
  // Questions on one context stay together: validation must not read contexts seen in training.
  splitKeys: { group: (e) => e.context },
  stats: (examples, tokenizer, lengths) => qaStats(examples, tokenizer, lengths),
  // Long contexts become several windows, not truncated text: nothing to warn about.
  warnStats: () => {},
};
