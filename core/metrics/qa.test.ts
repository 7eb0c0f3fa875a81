import { describe, expect, it } from 'vitest';
import { applyNoAnswerThreshold, exactMatch, findBestNoAnswerThresholds, normalizeAnswer, scoreQuestion, squadMetrics, tokenF1 } from './qa';

describe('SQuAD normalisation', () => {
  it('lowercases, strips punctuation and articles, collapses whitespace', () => {
    expect(normalizeAnswer('The  Quick, brown fox!')).toBe('quick brown fox');
    expect(normalizeAnswer('An apple a day')).toBe('apple day');
    expect(normalizeAnswer('theatre: Anatomy')).toBe('theatre anatomy'); // whole words only
    expect(normalizeAnswer('the café')).toBe('café');
    expect(normalizeAnswer('“Ünïcode” the')).toBe('“ünïcode”'); // string.punctuation is ASCII only
    expect(normalizeAnswer(' The. ')).toBe('');
  });
});

describe('exact match and F1', () => {
  it('scores one gold answer', () => {
    expect(exactMatch('the Eiffel Tower.', 'Eiffel tower')).toBe(1);
    expect(tokenF1('Eiffel Tower in Paris', 'the Eiffel Tower')).toBeCloseTo(2 / 3, 12); // P 2/4, R 2/2
    expect(tokenF1('x y y', 'y y z')).toBeCloseTo(2 / 3, 12); // repeated tokens count with multiplicity
    expect(tokenF1('y y y', 'y')).toBeCloseTo(0.5, 12); // P 1/3, R 1
    expect(tokenF1('cat', 'dog')).toBe(0);
  });

  it('takes the best over several gold answers', () => {
    expect(scoreQuestion({ prediction: 'Denver Broncos', answers: ['Broncos', 'Denver Broncos', 'The Denver Broncos'] })).toEqual({
      exact: 1,
      f1: 1,
    });
    const partial = scoreQuestion({ prediction: 'Broncos team', answers: ['Denver Broncos', 'Broncos'] });
    expect(partial.exact).toBe(0);
    expect(partial.f1).toBeCloseTo(2 / 3, 12); // vs "broncos": P 1/2, R 1
  });

  it('treats unanswerable questions as v2 does', () => {
    expect(scoreQuestion({ prediction: '', answers: [] })).toEqual({ exact: 1, f1: 1 });
    expect(scoreQuestion({ prediction: 'something', answers: [] })).toEqual({ exact: 0, f1: 0 });
    expect(scoreQuestion({ prediction: '', answers: ['Paris'] })).toEqual({ exact: 0, f1: 0 });
    expect(scoreQuestion({ prediction: '', answers: ['the'] })).toEqual({ exact: 1, f1: 1 }); // normalises to nothing
  });
});

describe('squadMetrics', () => {
  it('averages in percent and splits by answerability', () => {
    const metrics = squadMetrics([
      { prediction: 'Paris', answers: ['Paris'] }, // 1, 1
      { prediction: 'red', answers: ['red car'] }, // 0, 2/3
      { prediction: '', answers: [] }, // 1, 1
      { prediction: 'x', answers: [] }, // 0, 0
    ]);
    expect(metrics.exact_match).toBe(50);
    expect(metrics.f1).toBeCloseTo((100 * (1 + 2 / 3 + 1)) / 4, 10);
    expect(metrics).toMatchObject({ total: 4, HasAns_exact: 50, HasAns_total: 2, NoAns_exact: 50, NoAns_f1: 50, NoAns_total: 2 });
    expect(metrics.HasAns_f1).toBeCloseTo((100 * (1 + 2 / 3)) / 2, 10);
  });

  it('has no NoAns split on v1 data, and scores nothing as 0', () => {
    expect(Object.keys(squadMetrics([{ prediction: 'a cat', answers: ['cat'] }]))).not.toContain('NoAns_total');
    expect(squadMetrics([])).toEqual({ exact_match: 0, f1: 0, total: 0 });
  });
});

describe('no-answer threshold', () => {
  const examples = [
    { prediction: 'Paris', answers: ['Paris'], noAnswerScore: 0.1 }, // right answer
    { prediction: 'red', answers: ['red car'], noAnswerScore: 0.2 }, // partly right: exact 0, F1 2/3
    { prediction: 'foo', answers: [], noAnswerScore: 0.3 }, // should abstain
    { prediction: 'bar', answers: [], noAnswerScore: 0.9 }, // should abstain
  ];

  it('finds the best thresholds like the v2 script', () => {
    // Start: abstain everywhere -> 2 points. In score order: +1 (0.1), +0 / +2/3 (0.2), -1 (0.3), -1 (0.9).
    const best = findBestNoAnswerThresholds(examples);
    expect(best.best_exact).toBe(75);
    expect(best.best_exact_thresh).toBe(0.1);
    expect(best.best_f1).toBeCloseTo((100 * (3 + 2 / 3)) / 4, 10);
    expect(best.best_f1_thresh).toBe(0.2);
  });

  it('applying the best threshold gives the best score', () => {
    const thresholded = applyNoAnswerThreshold(examples, 0.2);
    expect(thresholded.map((e) => e.prediction)).toEqual(['Paris', 'red', '', '']);
    expect(squadMetrics(thresholded).f1).toBeCloseTo(findBestNoAnswerThresholds(examples).best_f1, 10);
  });

  it('reports threshold 0 when abstaining everywhere is best, as the script does', () => {
    const best = findBestNoAnswerThresholds([{ prediction: 'foo', answers: [], noAnswerScore: 0.5 }]);
    expect(best).toEqual({ best_exact: 100, best_exact_thresh: 0, best_f1: 100, best_f1_thresh: 0 });
  });
});
