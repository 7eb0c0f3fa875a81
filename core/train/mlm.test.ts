import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { continuationIdsOf, IGNORED_LABEL, maskTokens, type MaskingOptions } from './mlm';

const TOKENS = { clsId: 2, sepId: 3, maskId: 4, padId: 0, vocabSize: 30 };

describe('maskTokens', () => {
  it('masks exactly as the draws say (small case, seed 4, probability 0.3)', () => {
    // Draws of Rng(4): 0.146 0.031 | 0.876 | 0.646 | 0.262 0.842 0.268 | 0.512 | 0.264 0.173 | 0.467 | 0.576
    // token 10: chosen (0.146 < 0.3), action 0.031 < 0.8 -> [MASK]
    // token 13: chosen, action 0.842 in [0.8, 0.9) -> random id floor(0.268 * 30) = 8
    // token 15: chosen, action 0.173 -> [MASK]; the others are not chosen (draw >= 0.3).
    // [CLS], [SEP] and [PAD] take no draw at all.
    const masked = maskTokens([2, 10, 11, 12, 13, 14, 15, 16, 17, 3, 0, 0], TOKENS, new Rng(4), 0.3);
    expect(masked.input_ids).toEqual([2, 4, 11, 12, 8, 14, 4, 16, 17, 3, 0, 0]);
    const _ = IGNORED_LABEL;
    expect(masked.labels).toEqual([_, 10, _, _, 13, _, 15, _, _, _, _, _]);
  });

  it('chooses 15% of ordinary tokens, then 80% [MASK] / 10% random / 10% kept', () => {
    const tokens = { ...TOKENS, vocabSize: 30_000 };
    const ids = Array.from({ length: 200_000 }, (_, i) => 100 + (i % 20_000));
    const { input_ids, labels } = maskTokens(ids, tokens, new Rng(42));
    const chosen = labels.flatMap((label, i) => (label === IGNORED_LABEL ? [] : [i]));
    const share = (positions: number[]) => positions.length / chosen.length;
    expect(chosen.length / ids.length).toBeCloseTo(0.15, 2);
    expect(share(chosen.filter((i) => input_ids[i] === tokens.maskId))).toBeCloseTo(0.8, 2);
    expect(share(chosen.filter((i) => input_ids[i] === ids[i]))).toBeCloseTo(0.1, 2);
    expect(share(chosen.filter((i) => input_ids[i] !== ids[i] && input_ids[i] !== tokens.maskId))).toBeCloseTo(0.1, 2);
    expect(chosen.every((i) => labels[i] === ids[i])).toBe(true);
    expect(input_ids.filter((id, i) => id !== ids[i] && labels[i] === IGNORED_LABEL)).toEqual([]);
  });

  it('never chooses special tokens or padding ([UNK] too when given)', () => {
    const ids = Array.from({ length: 5_000 }, (_, i) => i % 5);
    const { input_ids, labels } = maskTokens(ids, { ...TOKENS, unkId: 1 }, new Rng(1), 0.9);
    expect(labels.every((label) => label === IGNORED_LABEL)).toBe(true);
    expect(input_ids).toEqual(ids);
  });

  it('continues identically from a saved Rng state', () => {
    const ids = Array.from({ length: 64 }, (_, i) => 5 + (i % 20));
    const rng = new Rng(9);
    maskTokens(ids, TOKENS, rng);
    const saved = rng.getState();
    const next = maskTokens(ids, TOKENS, rng);
    expect(maskTokens(ids, TOKENS, Rng.fromState(saved))).toEqual(next);
  });

  it('keeps BERT\'s shares within half a point: 15% chosen, then 80 / 10 / 10 of 100k chosen tokens', () => {
    const tokens = { ...TOKENS, vocabSize: 30_000 };
    const rng = new Rng(2024);
    const counts = { tokens: 0, chosen: 0, mask: 0, random: 0, kept: 0 };
    // Sequences as the trainer sees them, [CLS] 63 tokens [SEP]: 10,600 of them hold ~668k
    // maskable tokens, of which ~100k are chosen, so that each share's standard error
    // (0.13 points for the 80%) is well inside the half point.
    for (let s = 0; s < 10_600; s++) {
      const ids = [TOKENS.clsId, ...Array.from({ length: 63 }, () => 100 + rng.nextInt(29_000)), TOKENS.sepId];
      const { input_ids, labels } = maskTokens(ids, tokens, rng);
      labels.forEach((label, i) => {
        if (i === 0 || i === ids.length - 1) return expect(label).toBe(IGNORED_LABEL);
        counts.tokens++;
        if (label === IGNORED_LABEL) return;
        counts.chosen++;
        if (input_ids[i] === tokens.maskId) counts.mask++;
        else if (input_ids[i] === ids[i]) counts.kept++;
        else counts.random++;
      });
    }
    expect(counts.chosen).toBeGreaterThan(99_000);
    expect(Math.abs(counts.chosen / counts.tokens - 0.15)).toBeLessThan(0.005);
    expect(Math.abs(counts.mask / counts.chosen - 0.8)).toBeLessThan(0.005);
    expect(Math.abs(counts.random / counts.chosen - 0.1)).toBeLessThan(0.005);
    expect(Math.abs(counts.kept / counts.chosen - 0.1)).toBeLessThan(0.005);
  });

  it('follows mlm_probability', () => {
    const ids = Array.from({ length: 100_000 }, (_, i) => 5 + (i % 20));
    const { labels } = maskTokens(ids, { ...TOKENS, mlmProbability: 0.3 }, new Rng(8));
    expect(Math.abs(labels.filter((l) => l !== IGNORED_LABEL).length / ids.length - 0.3)).toBeLessThan(0.005);
  });

  describe('whole-word masking', () => {
    // A vocabulary of words 10..19 and their continuations ##a.. at 20..29.
    const vocabulary = [...['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]'], ...Array.from({ length: 5 }, (_, i) => `x${i}`), ...Array.from({ length: 10 }, (_, i) => `w${i}`), ...Array.from({ length: 10 }, (_, i) => `##p${i}`)];
    const options: MaskingOptions = { ...TOKENS, continuationIds: continuationIdsOf(vocabulary) };

    it('masks a word with all its pieces, about 15% of the pieces', () => {
      const rng = new Rng(3);
      let pieces = 0;
      let chosen = 0;
      for (let s = 0; s < 2_000; s++) {
        // [CLS] then words of 1-3 pieces (a word id, then continuation ids) then [SEP].
        const ids = [TOKENS.clsId];
        while (ids.length < 60) {
          ids.push(10 + rng.nextInt(10));
          for (let k = rng.nextInt(3); k > 0; k--) ids.push(20 + rng.nextInt(10));
        }
        ids.push(TOKENS.sepId);
        const { labels } = maskTokens(ids, options, rng);
        // A chosen piece means its whole word is chosen: word start and every continuation after it.
        for (let i = 1; i < ids.length - 1; i++) {
          const startsWord = !options.continuationIds!.has(ids[i]!);
          if (!startsWord) expect(labels[i] !== IGNORED_LABEL, `piece ${i} follows its word`).toBe(labels[i - 1] !== IGNORED_LABEL);
        }
        pieces += ids.length - 2;
        chosen += labels.filter((l) => l !== IGNORED_LABEL).length;
      }
      expect(Math.abs(chosen / pieces - 0.15)).toBeLessThan(0.01);
    });

    it('never chooses special tokens', () => {
      const { labels } = maskTokens([2, 10, 20, 21, 11, 3, 0, 0], { ...options, mlmProbability: 0.99 }, new Rng(1));
      expect([labels[0], labels[5], labels[6], labels[7]]).toEqual([IGNORED_LABEL, IGNORED_LABEL, IGNORED_LABEL, IGNORED_LABEL]);
    });
  });
});
