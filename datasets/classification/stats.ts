// What the UI shows about a classification split: size, label distribution, token lengths.
import type { ClassificationExample } from '../types';
import type { DatasetTokenizer } from '../tokenizer';
import { countBy } from '../stats/counts';
import { lengthStats, type LengthStats } from '../stats/lengths';

export interface ClassificationStats {
  examples: number;
  /** Examples with a second text (sentence-pair tasks). */
  pairs: number;
  labels: Record<string, number>;
  /** Word pieces per example including [CLS] and [SEP]s; needs a tokenizer. */
  lengths?: LengthStats;
}

export function classificationStats(examples: readonly ClassificationExample[], tokenizer?: DatasetTokenizer, maxSeqLength = 128): ClassificationStats {
  const stats: ClassificationStats = {
    examples: examples.length,
    pairs: examples.filter((e) => e.textPair !== undefined).length,
    labels: countBy(examples, (e) => e.label),
  };
  if (tokenizer) stats.lengths = lengthStats(examples.map((e) => classificationLength(e, tokenizer)), maxSeqLength);
  return stats;
}

/** Length of the encoded example without truncation: [CLS] text [SEP] (pair [SEP]). */
export function classificationLength(example: Pick<ClassificationExample, 'text' | 'textPair'>, tokenizer: DatasetTokenizer): number {
  const first = tokenizer.tokenize(example.text).length + 2;
  return example.textPair === undefined ? first : first + tokenizer.tokenize(example.textPair).length + 1;
}
