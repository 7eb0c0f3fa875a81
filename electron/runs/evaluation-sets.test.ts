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
    expect(set.score(rows, undefined)).toEqual({ exact_match: 100, f1: 100 });
  });
});
