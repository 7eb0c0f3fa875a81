import { describe, expect, it } from 'vitest';
import { extractEntities, nerMetrics, tagsFromLabelIds } from './ner';

describe('extractEntities (seqeval default mode)', () => {
  it('finds typed spans with inclusive ends', () => {
    expect(extractEntities(['B-PER', 'I-PER', 'O', 'B-LOC'])).toEqual([
      { type: 'PER', start: 0, end: 1 },
      { type: 'LOC', start: 3, end: 3 },
    ]);
  });

  it('lets an I- tag start an entity after O or after another type', () => {
    expect(extractEntities(['O', 'I-PER', 'I-PER'])).toEqual([{ type: 'PER', start: 1, end: 2 }]);
    expect(extractEntities(['B-PER', 'I-LOC', 'I-LOC'])).toEqual([
      { type: 'PER', start: 0, end: 0 },
      { type: 'LOC', start: 1, end: 2 },
    ]);
  });

  it('splits back-to-back B- tags and understands IOBES', () => {
    expect(extractEntities(['B-PER', 'B-PER', 'I-PER'])).toEqual([
      { type: 'PER', start: 0, end: 0 },
      { type: 'PER', start: 1, end: 2 },
    ]);
    expect(extractEntities(['S-LOC', 'B-ORG', 'E-ORG', 'O'])).toEqual([
      { type: 'LOC', start: 0, end: 0 },
      { type: 'ORG', start: 1, end: 2 },
    ]);
    expect(extractEntities(['O', 'O'])).toEqual([]);
  });
});

describe('nerMetrics', () => {
  it('scores entities by hand: boundary and type errors count as misses', () => {
    const gold = [
      ['B-PER', 'I-PER', 'O', 'B-LOC', 'O'],
      ['B-LOC', 'I-LOC', 'O'],
      ['O', 'B-PER'],
    ];
    const predicted = [
      ['B-PER', 'I-PER', 'O', 'B-ORG', 'O'], // PER right, LOC predicted as ORG (type error)
      ['B-LOC', 'O', 'O'], // LOC cut short (boundary error)
      ['O', 'B-PER'], // right
    ];
    // Gold: PER x2, LOC x2. Predicted: PER x2 (both right), ORG x1, LOC x1 (wrong span).
    const metrics = nerMetrics(predicted, gold);
    expect(metrics.precision).toBe(0.5); // 2 of 4 predicted
    expect(metrics.recall).toBe(0.5); // 2 of 4 gold
    expect(metrics.f1).toBe(0.5);
    expect(metrics.per_type).toEqual({
      LOC: { precision: 0, recall: 0, f1: 0, support: 2 },
      ORG: { precision: 0, recall: 0, f1: 0, support: 0 },
      PER: { precision: 1, recall: 1, f1: 1, support: 2 },
    });
    expect(metrics.macro_f1).toBeCloseTo(1 / 3, 12); // over LOC, ORG and PER
    expect(metrics.macro_precision).toBeCloseTo(1 / 3, 12);
    expect(metrics.accuracy).toBe(8 / 10); // tokens
  });

  it('accepts an entity that starts with I- when the gold starts with B-', () => {
    expect(nerMetrics([['O', 'I-PER', 'I-PER']], [['O', 'B-PER', 'I-PER']]).f1).toBe(1);
  });

  it('does not join an entity across sentences', () => {
    const metrics = nerMetrics([['O', 'B-PER'], ['I-PER', 'O']], [['O', 'B-PER'], ['B-PER', 'O']]);
    expect(metrics.f1).toBe(1);
  });

  it('gives 0, not NaN, for empty predictions and for no entities at all', () => {
    const empty = nerMetrics([['O', 'O']], [['B-PER', 'O']]);
    expect(empty).toMatchObject({ precision: 0, recall: 0, f1: 0, accuracy: 0.5 });
    expect(empty.per_type.PER).toEqual({ precision: 0, recall: 0, f1: 0, support: 1 });
    const none = nerMetrics([['O', 'O']], [['O', 'O']]);
    expect(none).toMatchObject({ precision: 0, recall: 0, f1: 0, macro_f1: 0, accuracy: 1, per_type: {} });
  });

  it('rejects sequences of different lengths', () => {
    expect(() => nerMetrics([['O']], [['O', 'O']])).toThrow('sentence 0: 1 predicted tags for 2 gold tags');
    expect(() => nerMetrics([], [['O']])).toThrow('0 predicted sentences for 1 gold sentences');
  });
});

describe('tagsFromLabelIds', () => {
  it('drops the positions labelled -100, like run_ner', () => {
    const labels = ['O', 'B-PER', 'I-PER'];
    expect(tagsFromLabelIds([[0, 1, 2, 2, 0]], [[-100, 1, -100, 2, -100]], labels)).toEqual({
      predictions: [['B-PER', 'I-PER']],
      references: [['B-PER', 'I-PER']],
    });
  });
});
