// NER's part in loading a data set.
import type { TaskDefinition } from '../task-definition';
import { warnTruncation } from '../checks/lengths';
import { checkEntityTypes, checkValidationEntityTypes, warnEmptyWords } from './checks';
import { readNerFile } from './read';
import { nerStats } from './stats';
import { nerLabelList } from './labels';

export const nerTask: TaskDefinition<'ner'> = {
  defaultMaxSeqLength: 128,
  read: readNerFile,
  checkTrain: checkEntityTypes,
  checkValidation: checkValidationEntityTypes,
  labels: (train) => ({ names: nerLabelList(train) }),
  // Sentences have no single label to stratify by; a plain seeded shuffle.
  splitKeys: {},
  stats: (examples, tokenizer, { maxSeqLength }) => nerStats(examples, tokenizer, maxSeqLength),
  warnStats: (stats, splitName, file, log) => {
    warnTruncation(stats.lengths, splitName, 'words past the limit get no label in training and no prediction', file, log);
    warnEmptyWords(stats, file, log);
  },
};
