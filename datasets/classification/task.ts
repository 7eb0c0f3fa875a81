// Classification's part in loading a data set.
import type { TaskDefinition } from '../task-definition';
import { warnTruncation } from '../checks/lengths';
import { checkClassificationLabels, checkValidationLabels } from './checks';
import { readClassificationFile } from './read';
import { classificationStats } from './stats';
import { classificationLabels } from './label-names';

export const classificationTask: TaskDefinition<'classification'> = {
  defaultMaxSeqLength: 128,
  read: readClassificationFile,
  checkTrain: checkClassificationLabels,
  checkValidation: checkValidationLabels,
  labels: (train, { labelNames }) => classificationLabels(train, labelNames),
  splitKeys: { stratum: (e) => e.label },
  stats: (examples, tokenizer, { maxSeqLength }) => classificationStats(examples, tokenizer, maxSeqLength),
  warnStats: (stats, splitName, file, log) => warnTruncation(stats.lengths, splitName, 'the end of the text is cut off (raise max_seq_length if that matters)', file, log),
};

