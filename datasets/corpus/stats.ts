// What the UI shows about a pre-training corpus: how much text there is, how it falls
// into documents and sentences (next-sentence prediction needs documents of two or more),
// how many word pieces the chosen vocabulary makes of it and how many of them are [UNK].
import type { CorpusDocument } from '../types';
import type { DatasetTokenizer } from '../tokenizer';
import { lengthStats, type LengthStats } from '../stats/lengths';

export interface CorpusStats {
  documents: number;
  sentences: number;
  /** Documents of two or more sentences: where next-sentence prediction finds real continuations. */
  multiSentenceDocuments: number;
  /** Word pieces (no special tokens); needs a tokenizer. */
  tokens?: number;
  /** Pieces the vocabulary cannot represent ([UNK]), and their share of all pieces. */
  unknownTokens?: number;
  unknownRate?: number;
  /** Word pieces per sentence; `overMax` counts sentences longer than max_seq_length on their own. */
  lengths?: LengthStats;
}

export function corpusStats(documents: readonly CorpusDocument[], tokenizer: DatasetTokenizer | undefined, maxSeqLength: number): CorpusStats {
  const stats: CorpusStats = {
    documents: documents.length,
    sentences: documents.reduce((sum, d) => sum + d.sentences.length, 0),
    multiSentenceDocuments: documents.filter((d) => d.sentences.length >= 2).length,
  };
  if (!tokenizer) return stats;
  const lengths: number[] = [];
  let unknown = 0;
  for (const document of documents) {
    for (const sentence of document.sentences) {
      const pieces = tokenizer.tokenize(sentence);
      lengths.push(pieces.length);
      for (const piece of pieces) if (piece.id === tokenizer.unkId) unknown++;
    }
  }
  const tokens = lengths.reduce((sum, n) => sum + n, 0);
  return { ...stats, tokens, unknownTokens: unknown, unknownRate: tokens > 0 ? unknown / tokens : 0, lengths: lengthStats(lengths, maxSeqLength) };
}
