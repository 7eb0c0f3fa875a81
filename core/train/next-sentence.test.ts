import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { createSentencePairs, encodeSentencePair, parsePretrainingCorpus, tokenizeCorpus } from './next-sentence';

const TOKENS = { clsId: 2, sepId: 3, maskId: 4, padId: 0, vocabSize: 50 };

describe('parsePretrainingCorpus', () => {
  it('reads one sentence per line and blank lines between documents', () => {
    const text = 'First doc one.\n  First doc two.  \n\n\n\nSecond doc.\r\n\r\nThird a.\nThird b.\n\n';
    expect(parsePretrainingCorpus(text)).toEqual([['First doc one.', 'First doc two.'], ['Second doc.'], ['Third a.', 'Third b.']]);
  });

  it('tokenizes sentences, dropping those that give no tokens', () => {
    const tokenizer = { tokenize: (text: string) => text.split(' ').filter(Boolean).map((word) => ({ id: word.length })) };
    expect(tokenizeCorpus([['ab cde', '   '], ['  ']], tokenizer)).toEqual([[[2, 3]]]);
  });
});

describe('createSentencePairs', () => {
  const documents = [
    [[10, 11], [12, 13, 14], [15]],
    [[20, 21, 22], [23]],
    [[30], [31, 32]],
  ];

  it('builds pairs as create_pretraining_data does (small case, seed 3)', () => {
    // max_seq_length 10 -> target 7 tokens. Document 0 (6 tokens) is one chunk: A takes 2 of
    // its 3 sentences; B is drawn at random (from document 2, 2 tokens fill 7 - 5), so the
    // unused sentence [15] starts the next chunk, alone and one token long: it cannot be split, so it gets a random B.
    const pairs = createSentencePairs(documents, { maxSeqLength: 10, shortSeqProb: 0 }, new Rng(3));
    expect(pairs).toEqual([
      { tokensA: [10, 11, 12, 13, 14], tokensB: [31, 32], isRandomNext: true },
      { tokensA: [15], tokensB: [20, 21, 22, 23], isRandomNext: true },
      { tokensA: [20, 21, 22], tokensB: [31, 32], isRandomNext: true },
      { tokensA: [23], tokensB: [30, 31, 32], isRandomNext: true },
      { tokensA: [30], tokensB: [31, 32], isRandomNext: false },
    ]);
  });

  it('takes the real next segment half of the time, a random other document otherwise', () => {
    // 2-sentence documents with distinct ids: the first pair of each is real or random by a coin flip.
    const many = Array.from({ length: 4_000 }, (_, d) => [[1000 + 2 * d], [1001 + 2 * d]]);
    const pairs = createSentencePairs(many, { maxSeqLength: 32, shortSeqProb: 0 }, new Rng(5));
    const firsts = pairs.filter((pair) => pair.tokensA[0]! % 2 === 0);
    expect(firsts).toHaveLength(4_000);
    const real = firsts.filter((pair) => !pair.isRandomNext);
    expect(real.length / firsts.length).toBeCloseTo(0.5, 1);
    expect(real.every((pair) => pair.tokensB[0] === pair.tokensA[0]! + 1)).toBe(true);
    const randomOnes = pairs.filter((pair) => pair.isRandomNext);
    expect(randomOnes.every((pair) => Math.floor((pair.tokensB[0]! - 1000) / 2) !== Math.floor((pair.tokensA[0]! - 1000) / 2))).toBe(true);
  });

  it('labels half of the pairs random, half real, within 2 points over many documents', () => {
    // Documents of 3-8 sentences of 4-12 tokens, as a wiki dump: pairs of max_seq_length 64.
    const rng = new Rng(21);
    let next = 1000;
    const corpus = Array.from({ length: 3_000 }, () => Array.from({ length: 3 + rng.nextInt(6) }, () => Array.from({ length: 4 + rng.nextInt(9) }, () => next++)));
    const pairs = createSentencePairs(corpus, { maxSeqLength: 64 }, new Rng(22));
    expect(pairs.length).toBeGreaterThan(3_000);
    const random = pairs.filter((pair) => pair.isRandomNext).length / pairs.length;
    expect(Math.abs(random - 0.5)).toBeLessThan(0.02);
  });

  it('trims long pairs to max_seq_length - 3 tokens', () => {
    const long = [[Array.from({ length: 40 }, (_, i) => 100 + i), Array.from({ length: 40 }, (_, i) => 200 + i)], [[5, 6, 7]]];
    for (const pair of createSentencePairs(long, { maxSeqLength: 16 }, new Rng(11))) {
      expect(pair.tokensA.length + pair.tokensB.length).toBeLessThanOrEqual(13);
      expect(pair.tokensA.length).toBeGreaterThan(0);
      expect(pair.tokensB.length).toBeGreaterThan(0);
    }
  });

  it('needs two documents', () => {
    expect(() => createSentencePairs([documents[0]!], { maxSeqLength: 10 }, new Rng(1))).toThrow('at least 2 documents');
  });
});

describe('encodeSentencePair', () => {
  it('lays out [CLS] A [SEP] B [SEP] with segment ids, mask and padding', () => {
    const features = encodeSentencePair({ tokensA: [10, 11], tokensB: [12], isRandomNext: true }, TOKENS, 8);
    expect(features).toEqual({
      input_ids: [2, 10, 11, 3, 12, 3, 0, 0],
      token_type_ids: [0, 0, 0, 0, 1, 1, 0, 0],
      attention_mask: [1, 1, 1, 1, 1, 1, 0, 0],
      next_sentence_label: 1,
    });
    expect(() => encodeSentencePair({ tokensA: [10, 11], tokensB: [12], isRandomNext: false }, TOKENS, 5)).toThrow('6 tokens');
  });
});
