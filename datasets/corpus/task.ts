// Pre-training's part in loading a data set: documents of sentences, no labels.
import type { ProblemLog } from '../problems';
import type { TaskDefinition } from '../task-definition';
import { share } from '../stats/counts';
import { readCorpusFile } from './read';
import { corpusStats, type CorpusStats } from './stats';

/** Above this share of [UNK] pieces the vocabulary does not fit the text (another language, another script). */
const UNKNOWN_WARNING_RATE = 0.01;

export const corpusTask: TaskDefinition<'mlm'> = {
  defaultMaxSeqLength: 128,
  // run_mlm.py's validation_split_percentage.
  validationFraction: 0.05,
  read: readCorpusFile,
  checkTrain: () => {},
  checkValidation: () => {},
  labels: () => ({ names: [] }),
  // Whole documents go to one side, so held-out text is never text the model trained on.
  splitKeys: {},
  stats: (documents, tokenizer, { maxSeqLength }) => corpusStats(documents, tokenizer, maxSeqLength),
  warnStats: warnCorpus,
};

function warnCorpus(stats: CorpusStats, splitName: string, file: string, log: ProblemLog): void {
  if (splitName !== 'training' || stats.documents === 0) return;
  if (stats.multiSentenceDocuments === 0) {
    log.warning(
      file,
      'no-sentence-pairs',
      'no document has two or more sentences, so next-sentence prediction has no real continuations to learn from: turn next_sentence_prediction off (the text is then packed into max_seq_length blocks), or put one sentence per line with a blank line between documents',
    );
  }
  if (stats.unknownRate !== undefined && stats.unknownRate > UNKNOWN_WARNING_RATE) {
    log.warning(file, 'unknown-tokens', `${share(stats.unknownTokens ?? 0, stats.tokens ?? 0)} of the word pieces are [UNK] under this vocabulary: the model cannot learn those words (is it the right vocabulary, cased vs uncased?)`);
  }
}
