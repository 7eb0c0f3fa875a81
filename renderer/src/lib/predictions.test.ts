import { describe, expect, it } from 'vitest';
import type { ClassificationPredictionRow, NerPredictionRow, QaPredictionRow } from '../../../electron/contract';
import { countWrong, filterPredictions, filterValues } from './predictions';

const cls = (index: number, gold: string, predicted: string, text = `text ${index}`): ClassificationPredictionRow => ({ index, text, gold, predicted, confidence: 0.9, correct: gold === predicted });

describe('the predictions viewer', () => {
  const rows = [cls(0, 'pos', 'pos'), cls(1, 'neg', 'pos', 'a dull film'), cls(2, 'neg', 'neg'), cls(3, 'pos', 'neg')];

  it('shows wrong ones first, then in order', () => {
    expect(filterPredictions(rows, { correctness: 'all' }).map((r) => r.index)).toEqual([1, 3, 0, 2]);
    expect(countWrong(rows)).toBe(2);
  });

  it('a confusion-matrix cell is gold = row, predicted = column', () => {
    expect(filterPredictions(rows, { correctness: 'all', gold: 'neg', predicted: 'pos' }).map((r) => r.index)).toEqual([1]);
    expect(filterPredictions(rows, { correctness: 'right', gold: 'neg' }).map((r) => r.index)).toEqual([2]);
    expect(filterPredictions(rows, { correctness: 'all', text: 'DULL' }).map((r) => r.index)).toEqual([1]);
    expect(filterValues(rows)).toEqual({ gold: ['neg', 'pos'], predicted: ['neg', 'pos'] });
  });

  it('filters NER by entity type and QA by answerability', () => {
    const ner: NerPredictionRow = { index: 0, tokens: ['Ann', 'in', 'Rome'], gold: ['B-PER', 'O', 'B-LOC'], predicted: ['B-PER', 'O', 'O'], gold_entities: [{ type: 'PER', start: 0, end: 0 }, { type: 'LOC', start: 2, end: 2 }], predicted_entities: [{ type: 'PER', start: 0, end: 0 }], correct: false };
    expect(filterPredictions([ner], { correctness: 'all', gold: 'LOC' })).toHaveLength(1);
    expect(filterPredictions([ner], { correctness: 'all', predicted: 'LOC' })).toHaveLength(0);
    const qa = (index: number, answers: string[], predicted: string): QaPredictionRow => ({ index, question: 'q', context: 'c', answers, predicted, exact: 0, f1: 0, correct: false });
    const qas = [qa(0, ['x'], ''), qa(1, [], 'y')];
    expect(filterPredictions(qas, { correctness: 'all', gold: 'no answer' }).map((r) => r.index)).toEqual([1]);
    expect(filterPredictions(qas, { correctness: 'all', predicted: 'no answer' }).map((r) => r.index)).toEqual([0]);
  });

  it('keeps unlabelled test predictions (neither right nor wrong) between the two', () => {
    const unlabelled: ClassificationPredictionRow = { index: 9, text: 'x', predicted: 'pos', confidence: 0.6 };
    expect(filterPredictions([rows[0]!, unlabelled, rows[1]!], { correctness: 'all' }).map((r) => r.index)).toEqual([1, 9, 0]);
    expect(filterPredictions([unlabelled], { correctness: 'wrong' })).toEqual([]);
  });
});
