// What encoding produces for a model, and the options that shape it. Names follow Hugging
// Face's BatchEncoding / tokenizers.Encoding (camelCased) so their documentation applies.

export type TruncationStrategy = 'longest_first' | 'only_first' | 'only_second';

export interface EncodeOptions {
  /** Length of the whole encoding, special tokens included. Defaults to the model's when truncating or padding. */
  maxLength?: number;
  /** Defaults to 'longest_first' when maxLength is given, as in Transformers; false never truncates. */
  truncation?: TruncationStrategy | false;
  padding?: 'max_length' | false;
  /** Keep what truncation cut off as further windows in `overflowing`. */
  returnOverflowingTokens?: boolean;
  /** How many tokens each overflowing window repeats from the window before it. */
  stride?: number;
  /** Add [CLS] and [SEP] (default true). */
  addSpecialTokens?: boolean;
  /**
   * The mask token typed in the text ("[MASK]", matched before lowercasing) is that token,
   * as in Hugging Face's tokenizers; by default it is text, split like google-research/bert
   * ("[", "mask", "]"). Fill-mask input sets it.
   */
  maskTokenInText?: boolean;
}

export interface Encoding {
  inputIds: number[];
  tokenTypeIds: number[];
  attentionMask: number[];
  tokens: string[];
  /** [start, end) in the text of the sequence the token came from; null for special tokens and padding. */
  offsets: ([number, number] | null)[];
  /** Which input each token came from; null for special tokens and padding. */
  sequenceIds: (0 | 1 | null)[];
  /** Index of the word (encodeWords: in its input array; text: among the whitespace/punctuation-split words). */
  wordIds: (number | null)[];
  /** Further windows, when returnOverflowingTokens. */
  overflowing: Encoding[];
}

/** The tokens of one input sequence, before truncation and special tokens. */
export interface SequenceTokens {
  ids: number[];
  tokens: string[];
  offsets: [number, number][];
  wordIds: number[];
}

export function emptySequence(): SequenceTokens {
  return { ids: [], tokens: [], offsets: [], wordIds: [] };
}

export function pushToken(sequence: SequenceTokens, id: number, token: string, offset: [number, number], wordId: number): void {
  sequence.ids.push(id);
  sequence.tokens.push(token);
  sequence.offsets.push(offset);
  sequence.wordIds.push(wordId);
}

export function sliceSequence(sequence: SequenceTokens, start: number, stop: number): SequenceTokens {
  return {
    ids: sequence.ids.slice(start, stop),
    tokens: sequence.tokens.slice(start, stop),
    offsets: sequence.offsets.slice(start, stop),
    wordIds: sequence.wordIds.slice(start, stop),
  };
}
