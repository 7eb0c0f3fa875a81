// WordPiece: the third stage. Splits one pre-tokenized word into vocabulary pieces, greedily
// taking the longest piece that matches at each position; pieces after the first carry the
// `##` continuation prefix. A word that cannot be covered entirely becomes one unknown token.
import { codePointBoundaries } from './code-points';
import type { Vocab } from './vocab';

export interface WordPieceOptions {
  unkToken: string;
  /** Longer words (counted in code points) are not even tried: they become one unknown token. */
  maxInputCharsPerWord: number;
}

/** A piece of a word: its vocabulary token and the [from, to) UTF-16 units of the word it covers. */
export interface Piece {
  token: string;
  id: number;
  from: number;
  to: number;
}

const CONTINUATION_PREFIX = '##';

export class WordPiece {
  private readonly unkId: number;

  constructor(
    private readonly vocab: Vocab,
    private readonly options: WordPieceOptions,
  ) {
    const unkId = vocab.id(options.unkToken);
    if (unkId === undefined) throw new Error(`the vocabulary has no unknown token ${options.unkToken}`);
    this.unkId = unkId;
  }

  tokenizeWord(word: string): Piece[] {
    const boundaries = codePointBoundaries(word);
    const charCount = boundaries.length - 1;
    if (charCount > this.options.maxInputCharsPerWord) return [this.unknown(word)];
    const pieces: Piece[] = [];
    for (let start = 0; start < charCount; ) {
      const piece = this.longestPieceAt(word, boundaries, start);
      // One part no piece covers makes the whole word unknown, not just that part.
      if (piece === undefined) return [this.unknown(word)];
      pieces.push(piece.piece);
      start = piece.endChar;
    }
    return pieces;
  }

  private longestPieceAt(word: string, boundaries: number[], startChar: number): { piece: Piece; endChar: number } | undefined {
    const prefix = startChar === 0 ? '' : CONTINUATION_PREFIX;
    const from = boundaries[startChar]!;
    const maxUnits = this.vocab.longestTokenLength - prefix.length;
    for (let endChar = boundaries.length - 1; endChar > startChar; endChar--) {
      const to = boundaries[endChar]!;
      // Nothing longer than the longest vocabulary token can match; skip the lookups.
      if (to - from > maxUnits) continue;
      const token = prefix + word.slice(from, to);
      const id = this.vocab.id(token);
      if (id !== undefined) return { piece: { token, id, from, to }, endChar };
    }
    return undefined;
  }

  private unknown(word: string): Piece {
    return { token: this.options.unkToken, id: this.unkId, from: 0, to: word.length };
  }
}

/** The inverse, as far as it goes: pieces glued back at `##`, words separated by single spaces. */
export function joinPieces(tokens: readonly string[]): string {
  return tokens.join(' ').replaceAll(` ${CONTINUATION_PREFIX}`, '').trim();
}
