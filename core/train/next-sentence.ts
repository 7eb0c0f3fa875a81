// Next-sentence-prediction pairs from a plain-text corpus, in the layout of BERT's
// create_pretraining_data.py (one sentence per line, a blank line between documents) and
// with its algorithm (create_instances_from_document), which Transformers'
// TextDatasetForNextSentencePrediction also follows:
//
// - sentences of a document are gathered into a chunk until it reaches the target length
//   (max_seq_length - 3, or with probability short_seq_prob a random shorter length, so
//   the model also sees short inputs);
// - segment A is the chunk's first k sentences (k random), segment B is the rest of the
//   chunk (the real continuation) with probability 0.5, or else text from a random other
//   document; the sentences a random B displaced are used again for the next chunk;
// - one change: the original gives a one-sentence chunk (a document's last sentence, a
//   one-sentence document) a random B always, for want of a continuation, which pushes
//   the share of random pairs to ~60% on documents of a few sentences. Here such a chunk
//   flips the coin too, and its real continuation is the sentence's own second part
//   (split at a random token): B still follows A in the text, and the labels stay 50/50;
// - the pair is trimmed to fit by dropping tokens from the front or back of the longer side.
//
// Every draw comes from the run's Rng, in the original's order.
import type { Rng } from '../random';
import type { PretrainingTokenizer, SpecialTokenIds } from './mlm';

/** Documents of sentences; blank lines separate documents, surrounding whitespace is dropped. */
export function parsePretrainingCorpus(text: string): string[][] {
  const documents: string[][] = [];
  let current: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const sentence = line.trim();
    if (sentence) current.push(sentence);
    else if (current.length > 0) {
      documents.push(current);
      current = [];
    }
  }
  if (current.length > 0) documents.push(current);
  return documents;
}

/** Token ids per sentence per document; sentences that tokenize to nothing are dropped. */
export function tokenizeCorpus(documents: readonly (readonly string[])[], tokenizer: Pick<PretrainingTokenizer, 'tokenize'>): number[][][] {
  return documents
    .map((sentences) => sentences.map((sentence) => tokenizer.tokenize(sentence).map((token) => token.id)).filter((ids) => ids.length > 0))
    .filter((document) => document.length > 0);
}

export interface SentencePair {
  tokensA: number[];
  tokensB: number[];
  /** True when B comes from another document (next_sentence_label 1). */
  isRandomNext: boolean;
}

export interface SentencePairOptions {
  maxSeqLength: number;
  /** BERT's default 0.1. */
  shortSeqProb?: number;
}

/** The pairs of every document, in document order (shuffle them with the data loader). */
export function createSentencePairs(documents: readonly (readonly number[][])[], options: SentencePairOptions, rng: Rng): SentencePair[] {
  if (documents.length < 2) throw new Error('next-sentence pairs need at least 2 documents (separate documents with a blank line)');
  if (options.maxSeqLength < 5) throw new RangeError(`max_seq_length must be >= 5 for sentence pairs, got ${options.maxSeqLength}`);
  return documents.flatMap((_, index) => pairsFromDocument(documents, index, options, rng));
}

function pairsFromDocument(documents: readonly (readonly number[][])[], index: number, options: SentencePairOptions, rng: Rng): SentencePair[] {
  const document = documents[index];
  if (!document) throw new RangeError(`no document ${index} of ${documents.length}`);
  const maxTokens = options.maxSeqLength - 3; // [CLS] A [SEP] B [SEP]
  const targetLength = rng.nextFloat() < (options.shortSeqProb ?? 0.1) ? randInt(rng, 2, maxTokens) : maxTokens;
  const pairs: SentencePair[] = [];
  let chunk: number[][] = [];
  let chunkLength = 0;
  // An index loop: a random B rewinds i so that the sentences it displaced start the next chunk.
  for (let i = 0; i < document.length; i++) {
    const sentence = document[i]!;
    chunk.push(sentence);
    chunkLength += sentence.length;
    if (i < document.length - 1 && chunkLength < targetLength) continue;

    let tokensA: number[];
    let tokensB: number[];
    let isRandomNext: boolean;
    if (chunk.length >= 2) {
      const aEnd = randInt(rng, 1, chunk.length - 1);
      tokensA = chunk.slice(0, aEnd).flat();
      isRandomNext = rng.nextFloat() < 0.5;
      if (isRandomNext) {
        tokensB = randomContinuation(documents, index, targetLength - tokensA.length, rng);
        i -= chunk.length - aEnd; // the unused sentences start the next chunk
      } else {
        tokensB = chunk.slice(aEnd).flat();
      }
    } else {
      // A lone sentence: its real continuation is its own second part; one token cannot be split.
      const sentence = chunk[0]!;
      isRandomNext = sentence.length < 2 || rng.nextFloat() < 0.5;
      const cut = isRandomNext ? sentence.length : randInt(rng, 1, sentence.length - 1);
      tokensA = sentence.slice(0, cut);
      tokensB = isRandomNext ? randomContinuation(documents, index, targetLength - tokensA.length, rng) : sentence.slice(cut);
    }
    truncatePair(tokensA, tokensB, maxTokens, rng);
    pairs.push({ tokensA, tokensB, isRandomNext });
    chunk = [];
    chunkLength = 0;
  }
  return pairs;
}

// Sentences from a random start in a random other document, until targetLength tokens.
function randomContinuation(documents: readonly (readonly number[][])[], index: number, targetLength: number, rng: Rng): number[] {
  let other = index;
  // The original tries 10 times to avoid its own document.
  for (let attempt = 0; attempt < 10 && other === index; attempt++) other = randInt(rng, 0, documents.length - 1);
  const source = documents[other] ?? [];
  const tokens: number[] = [];
  for (const sentence of source.slice(randInt(rng, 0, source.length - 1))) {
    tokens.push(...sentence); // at least one sentence, even when A already fills the target
    if (tokens.length >= targetLength) break;
  }
  return tokens;
}

function truncatePair(tokensA: number[], tokensB: number[], maxTokens: number, rng: Rng): void {
  while (tokensA.length + tokensB.length > maxTokens) {
    const longer = tokensA.length > tokensB.length ? tokensA : tokensB;
    // Trimming either end at random avoids always cutting the same side of the text.
    if (rng.nextFloat() < 0.5) longer.shift();
    else longer.pop();
  }
}

/** Python's random.randint: uniform in [low, high], both ends included. */
function randInt(rng: Rng, low: number, high: number): number {
  return low + rng.nextInt(high - low + 1);
}

export interface PretrainingFeatures {
  input_ids: number[];
  token_type_ids: number[];
  attention_mask: number[];
  /** BertForPreTraining's convention: 0 = B continues A, 1 = B is random. */
  next_sentence_label: number;
}

/** `[CLS] A [SEP] B [SEP]`, padded to maxSeqLength; mask it afterwards with `maskTokens`. */
export function encodeSentencePair(pair: SentencePair, tokens: SpecialTokenIds, maxSeqLength: number): PretrainingFeatures {
  const ids = [tokens.clsId, ...pair.tokensA, tokens.sepId, ...pair.tokensB, tokens.sepId];
  if (ids.length > maxSeqLength) throw new RangeError(`the pair takes ${ids.length} tokens, more than max_seq_length ${maxSeqLength}`);
  const padding = new Array<number>(maxSeqLength - ids.length).fill(0);
  return {
    input_ids: [...ids, ...padding.map(() => tokens.padId)],
    token_type_ids: [...ids.map((_, i) => (i < pair.tokensA.length + 2 ? 0 : 1)), ...padding],
    attention_mask: [...ids.map(() => 1), ...padding],
    next_sentence_label: pair.isRandomNext ? 1 : 0,
  };
}
