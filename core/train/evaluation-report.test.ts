// The reports an evaluation writes beside its eval_* numbers, against hand-computed values,
// seqeval's documented example and numbers of the official SQuAD v2.0 evaluation script.
import { describe, expect, it } from 'vitest';
import { classificationDetails, headlineInterval, nerDetails, qaDetails, qaSplitMetrics } from './evaluation-report';

describe('classificationDetails', () => {
  // gold  0 0 0 1 1 2   pred 0 1 0 1 2 2   (the case worked by hand in metrics/classification.test.ts)
  const details = classificationDetails({
    predicted: [0, 1, 0, 1, 2, 2],
    gold: [0, 0, 0, 1, 1, 2],
    confidence: [0.9, 0.6, 0.8, 0.7, 0.55, 0.95],
    labels: ['neg', 'neu', 'pos'],
    texts: ['a', 'b', 'c', 'd', 'e', 'f'].map((text) => ({ text })),
    trainLabels: [0, 0, 1, 0, 2],
  });
  it('has the matrix, the per-class scores by name and the macro average', () => {
    const { report } = details;
    expect(report.labels).toEqual(['neg', 'neu', 'pos']);
    expect(report.confusion_matrix).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
    expect(report.per_class.map((c) => [c.label, +c.precision.toFixed(4), +c.recall.toFixed(4), +c.f1.toFixed(4), c.support])).toEqual([
      ['neg', 1, 0.6667, 0.8, 3],
      ['neu', 0.5, 0.5, 0.5, 2],
      ['pos', 0.5, 1, 0.6667, 1],
    ]);
    expect(report.macro.f1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 12);
  });
  it('gives accuracy with its Wilson interval and the majority baseline', () => {
    expect(details.report.accuracy).toMatchObject({ value: 4 / 6, n: 6 });
    expect(details.report.accuracy.low).toBeCloseTo(0.3000, 4); // Wilson 95% for 4/6
    expect(details.report.accuracy.high).toBeCloseTo(0.9032, 4);
    // Training says "neg" (3 of 5); 3 of the 6 validation examples are neg.
    expect(details.report.baseline).toEqual({ label: 'neg', accuracy: 0.5 });
    expect(headlineInterval(details.report).metric).toBe('accuracy');
  });
  it('lists every example with its names, confidence and text', () => {
    expect(details.predictions[1]).toEqual({ index: 1, text: 'b', gold: 'neg', predicted: 'neu', confidence: 0.6, correct: false });
    expect(details.predictions.filter((p) => !p.correct).map((p) => p.index)).toEqual([1, 4]);
  });
});

describe('nerDetails', () => {
  it('matches seqeval\'s documented classification_report', () => {
    // seqeval README: f1 0.50; MISC 0/0/0 support 1; PER 1/1/1 support 1; micro and macro avg 0.50.
    const gold = [['O', 'O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'O'], ['B-PER', 'I-PER', 'O']];
    const predicted = [['O', 'O', 'B-MISC', 'I-MISC', 'I-MISC', 'I-MISC', 'O'], ['B-PER', 'I-PER', 'O']];
    const { report, predictions } = nerDetails(predicted, gold);
    expect(report.per_type).toEqual({
      MISC: { precision: 0, recall: 0, f1: 0, support: 1, predicted: 1 },
      PER: { precision: 1, recall: 1, f1: 1, support: 1, predicted: 1 },
    });
    expect(report.micro).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(report.macro).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(report.weighted).toEqual({ precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(report.token_accuracy).toBeCloseTo(0.8, 12); // seqeval accuracy_score: 0.80
    expect(report).toMatchObject({ sentences: 2, gold_entities: 2, predicted_entities: 2 });
    expect(predictions.map((p) => p.correct)).toEqual([false, true]);
    expect(predictions[0]!.predicted_entities).toEqual([{ type: 'MISC', start: 2, end: 5 }]);
  });
  it('weights by support and keeps the words', () => {
    // Gold: PER x3, LOC x1. Predicted: all three PER right, LOC missed.
    const gold = [['B-PER', 'O', 'B-PER', 'O', 'B-PER', 'B-LOC']];
    const predicted = [['B-PER', 'O', 'B-PER', 'O', 'B-PER', 'O']];
    const { report, predictions } = nerDetails(predicted, gold, [['Ann', 'met', 'Bo', 'and', 'Cy', 'Rome']]);
    expect(report.weighted.recall).toBeCloseTo((1 * 3 + 0 * 1) / 4, 12);
    expect(report.macro.recall).toBeCloseTo(0.5, 12);
    expect(report.recall).toMatchObject({ value: 0.75, n: 4 });
    expect(predictions[0]!.tokens).toEqual(['Ann', 'met', 'Bo', 'and', 'Cy', 'Rome']);
  });
});

describe('qaDetails', () => {
  // Eight questions, three unanswerable. Expected numbers: the official SQuAD v2.0 script's
  // logic (evaluate-v2.0.py) run on the same predictions, with these no-answer scores as its
  // na_probs and --na-prob-thresh 0 (a span wins when [CLS] does not outscore it).
  const questions = [
    { id: 'q1', answers: ['Denver Broncos', 'The Denver Broncos'], span: 'the Denver Broncos.', score: -6.5 },
    { id: 'q2', answers: ['Santa Clara, California'], span: 'Santa Clara', score: -2.0 },
    { id: 'q3', answers: ['1976'], span: 'in 1976 and 1977', score: 1.5 },
    { id: 'q4', answers: [], span: "Levi's Stadium", score: 3.25 },
    { id: 'q5', answers: [], span: 'gold', score: -0.75 },
    { id: 'q6', answers: ['Beyoncé and Bruno Mars', 'Beyoncé'], span: 'Beyonce', score: -1.0 },
    { id: 'q7', answers: [], span: 'a red car', score: 0.5 },
    { id: 'q8', answers: ['an apple a day', 'apple'], span: 'Apple!', score: 2.0 },
  ];
  const { report, predictions } = qaDetails({
    examples: questions.map((q) => ({ id: q.id, question: `question ${q.id}`, context: 'context', answers: q.answers })),
    predictions: questions.map((q) => ({ text: q.score > 0 ? '' : q.span, bestSpan: q.span, noAnswerScore: q.score })),
  });
  it('splits by answerability as the script does', () => {
    expect(report.exact_match).toBeCloseTo(37.5, 10);
    expect(report.f1).toBeCloseTo(47.5, 10);
    expect(report.HasAns).toEqual({ exact: expect.closeTo(20, 10), f1: expect.closeTo(36, 10), total: 5 });
    expect(report.NoAns).toEqual({ exact: expect.closeTo(200 / 3, 10), f1: expect.closeTo(200 / 3, 10), total: 3 });
  });
  it('finds the script\'s best thresholds', () => {
    expect(report.best).toEqual({ best_exact: 50, best_exact_thresh: -6.5, best_f1: expect.closeTo(60, 10), best_f1_thresh: -2 });
    expect(Object.keys(qaSplitMetrics(report)).sort()).toEqual(
      ['HasAns_exact', 'HasAns_f1', 'NoAns_exact', 'NoAns_f1', 'best_exact', 'best_exact_thresh', 'best_f1', 'best_f1_thresh'].sort(),
    );
  });
  it('scores each question and gives exact match an interval', () => {
    expect(predictions[1]).toMatchObject({ id: 'q2', predicted: 'Santa Clara', exact: 0, f1: expect.closeTo(0.8, 12), correct: false });
    expect(predictions[3]).toMatchObject({ predicted: '', answers: [], exact: 1, correct: true, no_answer_score: 3.25 });
    expect(report.exact).toMatchObject({ value: 3 / 8, n: 8 });
  });
  it('has no NoAns split or thresholds on SQuAD v1 data', () => {
    const v1 = qaDetails({ examples: [{ question: 'q', context: 'c', answers: ['cat'] }], predictions: [{ text: 'a cat' }] });
    expect(v1.report.NoAns).toBeUndefined();
    expect(v1.report.best).toBeUndefined();
    expect(qaSplitMetrics(v1.report)).toEqual({ HasAns_exact: 100, HasAns_f1: 100 });
  });
});
