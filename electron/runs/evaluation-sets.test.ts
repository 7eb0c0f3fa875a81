// The raw-data evaluations score perfect predictions as perfect: NER on the file's words
// (a word cut off by max_seq_length counts as predicted O), QA on answer strings read back
// from the contexts over all windows of a question.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BertTokenizer } from '../../core/tokenizer';
import { loadDefaultTokenizer } from '../../core/tokenizer/load-node';
import { featurizeNer } from '../../datasets/featurize/ner';
import { featurizeQa } from '../../datasets/featurize/qa';
import type { QaExample } from '../../datasets/types';
import { nerWordEvaluation, qaAnswerEvaluation } from './evaluation-sets';

let tokenizer: BertTokenizer;
beforeAll(async () => {
  tokenizer = await loadDefaultTokenizer();
});

/** Logits that peak at `ids`, one row per position. */
const peaked = (ids: readonly number[], classes: number) => ids.map((id) => Array.from({ length: classes }, (_, c) => (c === id ? 4 : 0)));

describe('NER on words', () => {
  const labels = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC'];
  const examples = [
    { tokens: ['Johnny', 'Blackburn', 'visits', 'Paris'], tags: ['B-PER', 'I-PER', 'O', 'B-LOC'], line: 1 },
    { tokens: ['in', 'London', 'today'], tags: ['O', 'B-LOC', 'O'], line: 6 },
  ];

  it('scores the gold labels as perfect, and a word truncated away as missed', () => {
    const features = featurizeNer(examples, tokenizer, { maxLength: 32, labels, padding: false });
    const set = nerWordEvaluation(features, examples, labels);
    const gold = features.map((f) => ({ logits: peaked(f.labels.map((l) => (l < 0 ? 0 : l)), labels.length) }));
    expect(set.score(gold, undefined)).toEqual({ precision: 1, recall: 1, f1: 1, accuracy: 1 });

    // At 5 tokens ([CLS] johnny blackburn visits [SEP]) "Paris" no longer fits: 3 gold entities, 2 found.
    const short = featurizeNer(examples, tokenizer, { maxLength: 5, labels, padding: false });
    const truncated = nerWordEvaluation(short, examples, labels).score(short.map((f) => ({ logits: peaked(f.labels.map((l) => (l < 0 ? 0 : l)), labels.length) })), undefined);
    expect(truncated.precision).toBe(1);
    expect(truncated.recall).toBeCloseTo(2 / 3, 10);
  });
});

describe('QA on answer strings', () => {
  const context = 'The Normans gave their name to Normandy, a region in France. Rollo was their first ruler.';
  const examples: QaExample[] = [
    { id: 'a', question: 'Where is Normandy?', context, answers: [{ text: 'France', start: context.indexOf('France') }], isImpossible: false },
    { id: 'b', question: 'Who ruled first?', context, answers: [{ text: 'Rollo', start: context.indexOf('Rollo') }], isImpossible: false },
  ];

  it('reads the best span back over a question\'s windows and scores SQuAD EM/F1', () => {
    const { features } = featurizeQa(examples, tokenizer, { maxLength: 24, docStride: 8, padding: false });
    expect(features.length).toBeGreaterThan(examples.length); // several windows per question
    const set = qaAnswerEvaluation(features, examples);
    // Each window points at its own gold span ([CLS] where it holds no answer).
    const rows = features.map((f) => {
      const at = (position: number) => f.inputIds.map((_, t) => (t === position ? 8 : 0));
      return { start_logits: at(f.startPosition), end_logits: at(f.endPosition) };
    });
    expect(set.score(rows, undefined)).toEqual({ exact_match: 100, f1: 100, HasAns_exact: 100, HasAns_f1: 100 });
    expect(set.metricNames).not.toContain('NoAns_f1'); // SQuAD v1 data: nothing to abstain on
  });

  it('on SQuAD 2.0 data splits HasAns / NoAns, finds the best threshold and lists every question', () => {
    const v2: QaExample[] = [...examples, { id: 'c', question: 'Who invented the telephone?', context, answers: [], isImpossible: true }];
    const { features } = featurizeQa(v2, tokenizer, { maxLength: 32, docStride: 8, padding: false });
    const set = qaAnswerEvaluation(features, v2);
    expect(set.metricNames).toEqual(expect.arrayContaining(['HasAns_f1', 'NoAns_f1', 'best_f1']));
    // Questions a and b: their spans win; question c: "France" scores 6 but [CLS] scores 16.
    const rows = features.map((f) => {
      const example = v2[f.exampleIndex]!;
      const at = (position: number, value: number) => f.inputIds.map((_, t) => (t === position ? value : 0));
      if (!example.isImpossible) return { start_logits: at(f.startPosition, 8), end_logits: at(f.endPosition, 8) };
      const france = f.contextOffsets.findIndex((o) => o !== null && context.slice(o[0], o[1]) === 'France');
      const start = at(france, 3);
      const end = at(france, 3);
      start[0] = 8;
      end[0] = 8;
      return { start_logits: start, end_logits: end };
    });
    const metrics = set.score(rows, undefined);
    expect(metrics).toMatchObject({ exact_match: 100, HasAns_exact: 100, NoAns_exact: 100, best_exact: 100 });
    const details = set.details!(rows);
    expect(details.report).toMatchObject({ task: 'qa', questions: 3, HasAns: { total: 2 }, NoAns: { total: 1 } });
    const c = details.predictions[2]!;
    expect(c).toMatchObject({ id: 'c', predicted: '', answers: [], correct: true });
    expect(c).toHaveProperty('no_answer_score');
  });
});
