import { describe, expect, it } from 'vitest';
import { Rng } from '../random';
import { IGNORED_LABEL, maskTokens } from './mlm';

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
    const ids = Array.from({ length: 5_000 }, (_, i) => [0, 1, 2, 3, 4][i % 5]);
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
});
