import { describe, expect, it } from 'vitest';
import { classificationMetrics } from './classification';

describe('classificationMetrics', () => {
  // gold  0 0 0 1 1 2      class 0: TP 2, predicted 2, gold 3 -> P 1,   R 2/3, F1 0.8
  // pred  0 1 0 1 2 2      class 1: TP 1, predicted 2, gold 2 -> P 1/2, R 1/2, F1 0.5
  //                        class 2: TP 1, predicted 2, gold 1 -> P 1/2, R 1,   F1 2/3
  //                        class 3: never gold, never predicted -> left out of the macro mean
  const metrics = classificationMetrics([0, 1, 0, 1, 2, 2], [0, 0, 0, 1, 1, 2], ['neg', 'neu', 'pos', 'other']);

  it('computes accuracy, micro and macro averages by hand', () => {
    expect(metrics.accuracy).toBeCloseTo(4 / 6, 12);
    expect(metrics.micro_f1).toBeCloseTo(4 / 6, 12);
    expect(metrics.macro_precision).toBeCloseTo((1 + 0.5 + 0.5) / 3, 12);
    expect(metrics.macro_recall).toBeCloseTo((2 / 3 + 0.5 + 1) / 3, 12);
    expect(metrics.macro_f1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
  });

  it('reports every class and the confusion matrix [gold][predicted]', () => {
    const rounded = metrics.per_class.map((c) => ({ ...c, precision: +c.precision.toFixed(6), recall: +c.recall.toFixed(6), f1: +c.f1.toFixed(6) }));
    expect(rounded).toEqual([
      { label: 'neg', precision: 1, recall: 0.666667, f1: 0.8, support: 3 },
      { label: 'neu', precision: 0.5, recall: 0.5, f1: 0.5, support: 2 },
      { label: 'pos', precision: 0.5, recall: 1, f1: 0.666667, support: 1 },
      { label: 'other', precision: 0, recall: 0, f1: 0, support: 0 },
    ]);
    expect(metrics.confusion_matrix).toEqual([
      [2, 1, 0, 0],
      [0, 1, 1, 0],
      [0, 0, 1, 0],
      [0, 0, 0, 0],
    ]);
  });

  it('counts a class that is only predicted in the macro mean, as sklearn does', () => {
    const wrong = classificationMetrics([0, 1], [0, 0], ['a', 'b']);
    expect(wrong.macro_f1).toBeCloseTo((2 / 3 + 0) / 2, 12);
  });

  it('handles no examples and rejects bad input', () => {
    expect(classificationMetrics([], [], ['a', 'b'])).toMatchObject({ accuracy: 0, macro_f1: 0, micro_f1: 0 });
    expect(() => classificationMetrics([0], [0, 1], ['a', 'b'])).toThrow('1 predictions for 2 labels');
    expect(() => classificationMetrics([2], [0], ['a', 'b'])).toThrow('class id 2 is outside 0..1');
  });
});
