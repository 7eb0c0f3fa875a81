// What the UI shows about a QA split: questions, the answerable/unanswerable share, and how
// many questions need more than one window at the chosen max_seq_length and doc_stride.
import type { QaExample } from '../types';
import type { DatasetTokenizer } from '../tokenizer';
import { lengthStats, type LengthStats } from '../stats/lengths';

export interface QaStats {
  questions: number;
  answerable: number;
  unanswerable: number;
  /** unanswerable / questions, 0 when empty. */
  unanswerableShare: number;
  contexts: number;
  articles: number;
  /** Word pieces of [CLS] question [SEP] context [SEP]; needs a tokenizer. */
  lengths?: LengthStats;
  /** Windows (features) the questions become with doc_stride; needs a tokenizer. */
  windows?: number;
}

export interface QaLengthOptions {
  maxSeqLength: number;
  docStride: number;
}

export function qaStats(examples: readonly QaExample[], tokenizer?: DatasetTokenizer, options: QaLengthOptions = { maxSeqLength: 384, docStride: 128 }): QaStats {
  const unanswerable = examples.filter((e) => e.isImpossible).length;
  const stats: QaStats = {
    questions: examples.length,
    answerable: examples.length - unanswerable,
    unanswerable,
    unanswerableShare: examples.length ? unanswerable / examples.length : 0,
    contexts: new Set(examples.map((e) => e.context)).size,
    articles: new Set(examples.map((e) => e.title ?? '')).size,
  };
  if (!tokenizer) return stats;
  const contextPieces = new Map<string, number>(); // questions share contexts; tokenize each once
  const lengths: number[] = [];
  let windows = 0;
  for (const example of examples) {
    let pieces = contextPieces.get(example.context);
    if (pieces === undefined) contextPieces.set(example.context, (pieces = tokenizer.tokenize(example.context).length));
    const question = tokenizer.tokenize(example.question).length;
    lengths.push(question + pieces + 3);
    windows += windowCount(question, pieces, options);
  }
  stats.lengths = lengthStats(lengths, options.maxSeqLength);
  stats.windows = windows;
  return stats;
}

/** Windows of a context that slide by (room − doc_stride) pieces, as the tokenizer's overflow does. */
export function windowCount(questionPieces: number, contextPieces: number, { maxSeqLength, docStride }: QaLengthOptions): number {
  const room = maxSeqLength - questionPieces - 3;
  if (room <= 0) return 1;
  if (contextPieces <= room) return 1;
  const step = Math.max(1, room - docStride);
  return 1 + Math.ceil((contextPieces - room) / step);
}
