// What the UI shows about an NER split: sentences, entities per type, tag counts, word-piece
// lengths, and the words the tokenizer turns into nothing (they cannot carry a label).
import { nerTokenLine, type NerExample } from '../types';
import type { DatasetTokenizer } from '../tokenizer';
import { countBy } from '../stats/counts';
import { lengthStats, type LengthStats } from '../stats/lengths';
import { entitySpans } from './tags';

export interface EmptyWord {
  line: number;
  /** Index of the word in the sentence. */
  index: number;
  word: string;
}

export interface NerStats {
  sentences: number;
  tokens: number;
  /** Entities per type, and all of them. */
  entities: Record<string, number>;
  entityCount: number;
  tags: Record<string, number>;
  /** Word pieces per sentence including [CLS] and [SEP]; needs a tokenizer. */
  lengths?: LengthStats;
  /** Words that give no word pieces (e.g. a lone U+FE0F when uncased); needs a tokenizer. */
  wordsWithoutPieces?: number;
  /** The first few of them, to show where. */
  emptyWordSamples?: EmptyWord[];
}

const EMPTY_WORD_SAMPLES = 10;

export function nerStats(examples: readonly NerExample[], tokenizer?: DatasetTokenizer, maxSeqLength = 128): NerStats {
  const spans = examples.flatMap((e) => entitySpans(e.tags));
  const stats: NerStats = {
    sentences: examples.length,
    tokens: examples.reduce((sum, e) => sum + e.tokens.length, 0),
    entities: countBy(spans, (span) => span.type),
    entityCount: spans.length,
    tags: countBy(examples.flatMap((e) => e.tags), (tag) => tag),
  };
  if (!tokenizer) return stats;
  const empty: EmptyWord[] = [];
  let emptyCount = 0;
  const lengths = examples.map((example) => {
    let pieces = 2;
    example.tokens.forEach((word, index) => {
      const n = tokenizer.tokenize(word).length;
      if (n === 0 && emptyCount++ < EMPTY_WORD_SAMPLES) empty.push({ line: nerTokenLine(example, index), index, word });
      pieces += n;
    });
    return pieces;
  });
  stats.lengths = lengthStats(lengths, maxSeqLength);
  stats.wordsWithoutPieces = emptyCount;
  stats.emptyWordSamples = empty;
  return stats;
}
