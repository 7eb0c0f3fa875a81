// Featurizers on small hand-made examples with the real bert-base-uncased tokenizer.
import { beforeAll, describe, expect, it } from 'vitest';
import type { BertTokenizer } from '../../core/tokenizer';
import { loadDefaultTokenizer } from '../../core/tokenizer/load-node';
import { featurizeClassification } from './classification';
import { IGNORE_INDEX } from './model-inputs';
import { alignLabels, continuationLabels, featurizeNer, wordTagsFromPredictions } from './ner';
import { answerText, featurizeQa, trimmedAnswerSpan } from './qa';
import { bestAnswer } from './qa-predictions';

let tokenizer: BertTokenizer;
beforeAll(async () => {
  tokenizer = await loadDefaultTokenizer();
});

describe('featurizeClassification', () => {
  it('encodes pairs with token types and maps labels to ids', () => {
    const [feature] = featurizeClassification([{ text: 'A cat.', textPair: 'A dog.', label: 'neutral' }], tokenizer, { maxLength: 12, labels: ['entailment', 'neutral'] });
    expect(feature!.label).toBe(1);
    expect(feature!.inputIds).toHaveLength(12);
    expect(feature!.inputIds.slice(0, 9)).toEqual(tokenizer.encode('A cat.', 'A dog.').inputIds);
    expect(feature!.tokenTypeIds.slice(0, 9)).toEqual([0, 0, 0, 0, 0, 1, 1, 1, 1]);
    expect(feature!.attentionMask).toEqual([1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0]);
  });

  it('truncates to maxLength and ignores unknown or missing labels', () => {
    const features = featurizeClassification([{ text: 'word '.repeat(50) }, { text: 'x', label: 'other' }], tokenizer, { maxLength: 16, labels: ['a', 'b'], padding: false });
    expect(features[0]!.inputIds).toHaveLength(16);
    expect(features[1]!.inputIds).toHaveLength(3);
    expect(features.map((f) => f.label)).toEqual([IGNORE_INDEX, IGNORE_INDEX]);
  });
});

describe('NER alignment', () => {
  const labels = ['O', 'B-LOC', 'I-LOC', 'B-PER', 'I-PER'];

  it('labels the first piece of each word and ignores the rest', () => {
    // "U.S." is four pieces: u . s .
    const [feature] = featurizeNer([{ tokens: ['Peter', 'Blackburn', 'visits', 'U.S.'], tags: ['B-PER', 'I-PER', 'O', 'B-LOC'] }], tokenizer, { maxLength: 16, labels, padding: false });
    expect(feature!.wordIds).toEqual([null, 0, 1, 2, 3, 3, 3, 3, null]);
    expect(feature!.labels).toEqual([IGNORE_INDEX, 3, 4, 0, 1, IGNORE_INDEX, IGNORE_INDEX, IGNORE_INDEX, IGNORE_INDEX]);
  });

  it('with labelAllTokens, later pieces of a B- word get I-', () => {
    expect(continuationLabels(labels)).toEqual([0, 2, 2, 4, 4]);
    expect(alignLabels([null, 0, 0, 0, 1, null], [1, 0], continuationLabels(labels))).toEqual([IGNORE_INDEX, 1, 2, 2, 0, IGNORE_INDEX]);
  });

  it('maps predictions back per word; words without pieces or cut off become O', () => {
    const example = { tokens: ['Paris', '\uFE0F', 'and', 'Rome', 'and', 'Oslo'], tags: ['B-LOC', 'O', 'O', 'B-LOC', 'O', 'B-LOC'] };
    const [feature] = featurizeNer([example], tokenizer, { maxLength: 6, labels });
    expect(feature!.wordIds).toEqual([null, 0, 2, 3, 4, null]); // U+FE0F has no piece; "Oslo" is cut off
    const predictions = [0, 1, 0, 1, 0, 0];
    expect(wordTagsFromPredictions(feature!, predictions, labels)).toEqual(['B-LOC', 'O', 'O', 'B-LOC', 'O', 'O']);
  });
});

describe('QA windows', () => {
  const context = 'The Normans gave their name to Normandy, a region in France. ' + 'Filler text goes on. '.repeat(20);
  const answerable = { question: 'Where is Normandy?', context, answers: [{ text: 'France', start: context.indexOf('France') }] };

  it('labels the answer tokens in the window that holds them and [CLS] elsewhere', () => {
    const { features } = featurizeQa([answerable], tokenizer, { maxLength: 48, docStride: 16 });
    expect(features.length).toBeGreaterThan(2);
    const [first, ...rest] = features;
    expect(answerText(context, first!, first!.startPosition, first!.endPosition)).toBe('France');
    for (const feature of rest) expect([feature.startPosition, feature.endPosition]).toEqual([0, 0]);
    expect(first!.contextOffsets[0]).toBeNull(); // [CLS]
    expect(first!.contextOffsets[1]).toBeNull(); // question token
  });

  it('labels unanswerable questions with [CLS]', () => {
    const { features } = featurizeQa([{ ...answerable, answers: [] }], tokenizer, { maxLength: 384, docStride: 128 });
    expect(features).toHaveLength(1);
    expect([features[0]!.startPosition, features[0]!.endPosition]).toEqual([0, 0]);
    expect(features[0]!.inputIds).toHaveLength(384);
  });

  it('ignores whitespace around an answer', () => {
    expect(trimmedAnswerSpan('in  France .', { text: ' France ', start: 3 })).toEqual([4, 10]);
  });

  it('skips (does not throw on) a question that leaves no room for the context', () => {
    const { features, skipped } = featurizeQa([answerable], tokenizer, { maxLength: 8, docStride: 2 });
    expect(features).toEqual([]);
    expect(skipped).toEqual([{ exampleIndex: 0, reason: expect.stringContaining('stride 2 must be smaller') }]);
  });

  it('bestAnswer reads the best valid span, or no answer when [CLS] wins', () => {
    const { features } = featurizeQa([answerable], tokenizer, { maxLength: 384, docStride: 128 });
    const feature = features[0]!;
    const start: number[] = feature.inputIds.map((_, i) => (i === feature.startPosition ? 5 : 0));
    const end: number[] = feature.inputIds.map((_, i) => (i === feature.endPosition ? 5 : 0));
    expect(bestAnswer(context, [feature], [{ start, end }]).text).toBe('France');
    start[0] = 8;
    end[0] = 8;
    expect(bestAnswer(context, [feature], [{ start, end }], { allowNoAnswer: true }).text).toBe('');
  });

  it('reads answers in whole words: a span starting or ending inside a word takes the whole word', () => {
    const oath = 'The knights would swear fealty to the duke; French was spoken.';
    const { features } = featurizeQa([{ question: 'What would they swear?', context: oath, answers: [] }], tokenizer, { maxLength: 64, docStride: 16 });
    const feature = features[0]!;
    const tokenAt = (text: string) => feature.contextOffsets.findIndex((offset) => offset !== null && oath.slice(offset[0], offset[1]) === text);
    const pieces = feature.contextOffsets.map((offset) => (offset ? oath.slice(offset[0], offset[1]) : null));
    const firstPieceOfFealty = tokenAt('swear') + 1;
    expect(pieces[firstPieceOfFealty]).not.toBe('fealty'); // bert-base-uncased splits it into pieces
    const logits = (at: number) => feature.inputIds.map((_, i) => (i === at ? 9 : 0));
    // The model ends the span on the first piece of "fealty" ("swear feal…"), or starts it mid-word.
    expect(bestAnswer(oath, [feature], [{ start: logits(tokenAt('swear')), end: logits(firstPieceOfFealty) }]).text).toBe('swear fealty');
    expect(bestAnswer(oath, [feature], [{ start: logits(firstPieceOfFealty + 1), end: logits(tokenAt('French')) }]).text).toBe('fealty to the duke; French');
    // Punctuation is a word of its own: a span ending on ";" stays there.
    expect(bestAnswer(oath, [feature], [{ start: logits(tokenAt('duke')), end: logits(tokenAt(';')) }]).text).toBe('duke;');
  });
});
