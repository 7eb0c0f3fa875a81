import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../core/tf';
import { TextPredictor, PredictInputError } from './text-predictor';

const checkpoints = path.resolve(__dirname, '../../core/testdata/bert-reference/checkpoints');

describe('TextPredictor', () => {
  const predictors = new Map<string, TextPredictor>();
  beforeAll(async () => {
    await tf.setBackend('cpu');
    for (const head of ['sequence-classification', 'token-classification', 'question-answering']) {
      predictors.set(head, await TextPredictor.load(path.join(checkpoints, head)));
    }
  });
  afterAll(() => predictors.forEach((p) => p.dispose()));

  it('gives class probabilities over the labels of the checkpoint', async () => {
    const [prediction] = await predictors.get('sequence-classification')!.predict([{ text: 'a good film', text_pair: 'i liked it' }]);
    if (prediction?.task !== 'classification') throw new Error('expected a classification');
    expect(prediction.probabilities.map((p) => p.label)).toEqual(['negative', 'neutral', 'positive']);
    expect(prediction.probabilities.reduce((s, p) => s + p.probability, 0)).toBeCloseTo(1, 6);
    const best = prediction.probabilities.reduce((a, b) => (b.probability > a.probability ? b : a));
    expect(prediction.label).toBe(best.label);
  });

  it('tags the words of free text with spans that slice the typed text', async () => {
    const text = 'anna went to paris, then rome.';
    const [prediction] = await predictors.get('token-classification')!.predict([{ text }]);
    if (prediction?.task !== 'ner') throw new Error('expected NER');
    expect(prediction.words).toEqual(['anna', 'went', 'to', 'paris', ',', 'then', 'rome', '.']);
    expect(prediction.tags).toHaveLength(prediction.words.length);
    for (const tag of prediction.tags) expect(['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC']).toContain(tag);
    for (const entity of prediction.entities) {
      expect(text.slice(entity.start, entity.end).replace(/\s+/g, ' ')).toBe(entity.text);
      expect(entity.confidence).toBeGreaterThan(0);
      expect(entity.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('tags pre-split words with word-index spans', async () => {
    const [prediction] = await predictors.get('token-classification')!.predict([{ tokens: ['anna', 'lives', 'in', 'paris'] }]);
    if (prediction?.task !== 'ner') throw new Error('expected NER');
    expect(prediction.words).toEqual(['anna', 'lives', 'in', 'paris']);
    for (const entity of prediction.entities) expect(prediction.words.slice(entity.start, entity.end).join(' ')).toBe(entity.text);
  });

  it('answers with spans of the context, an n-best list and the no-answer score, across windows', async () => {
    const context = Array.from({ length: 40 }, (_, i) => `word${i % 10} is here.`).join(' ');
    const [prediction] = await predictors.get('question-answering')!.predict([{ question: 'where is it?', context }]);
    if (prediction?.task !== 'qa') throw new Error('expected QA');
    expect(prediction.n_best.length).toBeGreaterThan(0);
    expect(prediction.n_best.length).toBeLessThanOrEqual(5);
    for (const candidate of prediction.n_best) expect(context.slice(candidate.start, candidate.end)).toBe(candidate.text);
    const scores = prediction.n_best.map((c) => c.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(Number.isFinite(prediction.null_score)).toBe(true);
    expect(prediction.answer === null || prediction.answer.score >= prediction.null_score).toBe(true);
  });

  it('says which input a model needs', async () => {
    await expect(predictors.get('question-answering')!.predict([{ text: 'hello' }])).rejects.toBeInstanceOf(PredictInputError);
    await expect(predictors.get('sequence-classification')!.predict([{ question: 'q', context: 'c' }])).rejects.toThrow('this model classifies text');
  });

  it('leaks no tensors', async () => {
    const before = tf.memory().numTensors;
    await predictors.get('question-answering')!.predict([{ question: 'why?', context: 'because it is so.' }]);
    await predictors.get('token-classification')!.predict([{ text: 'anna in paris' }]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
