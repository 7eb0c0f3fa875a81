// Featurization against the real data sets: gold labels survive the trip to word pieces
// and back (NER), gold answers survive the trip to token positions and back (QA).
import { beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import type { BertTokenizer } from '../../core/tokenizer';
import { loadDefaultTokenizer } from '../../core/tokenizer/load-node';
import { loadDatasetFiles } from '../read-node';
import { IGNORE_INDEX } from './model-inputs';
import { featurizeNer, wordTagsFromPredictions } from './ner';
import { answerText, featurizeQa } from './qa';

const FULL = join(__dirname, '../testdata/full');
let tokenizer: BertTokenizer;
beforeAll(async () => {
  tokenizer = await loadDefaultTokenizer();
});

describe('NER alignment round trip', () => {
  it.each([['wnut17/emerging.dev.conll'], ['conll2003/valid.txt']])('%s: gold tags → piece labels → word tags', async (file) => {
    const dataset = await loadDatasetFiles('ner', { train: join(FULL, file) }, { split: false });
    const { labels } = dataset;
    const features = featurizeNer(dataset.train, tokenizer, { maxLength: 512, labels, padding: false });
    let wordsWithoutPieces = 0;
    dataset.train.forEach((example, i) => {
      const feature = features[i]!;
      // The gold labels stand in for predictions; ignored positions may predict anything.
      const predictions = feature.labels.map((label) => (label === IGNORE_INDEX ? 0 : label));
      const tags = wordTagsFromPredictions(feature, predictions, labels);
      const pieceless = new Set(example.tokens.map((_, w) => w).filter((w) => !feature.wordIds.includes(w)));
      wordsWithoutPieces += pieceless.size;
      // Words without pieces come back as O; all others exactly as annotated.
      expect(tags).toEqual(example.tags.map((tag, w) => (pieceless.has(w) ? 'O' : tag)));
      expect(feature.labels.filter((l) => l !== IGNORE_INDEX)).toHaveLength(example.tokens.length - pieceless.size);
    });
    // WNUT-17 has tokens that are only U+FE0F; the uncased tokenizer drops them (all are tagged O).
    if (file.startsWith('wnut17')) expect(wordsWithoutPieces).toBeGreaterThan(0);
    expect(dataset.train.every((e, i) => e.tokens.every((_, w) => features[i]!.wordIds.includes(w) || e.tags[w] === 'O'))).toBe(true);
  });
});

describe('QA answer round trip', () => {
  it.each([
    [384, 128],
    [128, 32],
  ])('every answerable SQuAD question at max_length %i, doc_stride %i', async (maxLength, docStride) => {
    const dataset = await loadDatasetFiles('qa', { train: join(FULL, 'squad/squad-v2.0-dev-subset.haystack-small.json') }, { split: false });
    const { features, skipped } = featurizeQa(dataset.train, tokenizer, { maxLength, docStride });
    expect(skipped).toEqual([]);
    const answeredIn = new Set<number>();
    for (const feature of features) {
      expect(feature.inputIds).toHaveLength(maxLength);
      const example = dataset.train[feature.exampleIndex]!;
      if (feature.startPosition === 0) {
        expect(feature.endPosition).toBe(0);
        continue;
      }
      expect(example.isImpossible).toBe(false);
      expect(answerText(example.context, feature, feature.startPosition, feature.endPosition)).toBe(example.answers[0]!.text);
      answeredIn.add(feature.exampleIndex);
    }
    // Every answerable question has its answer in at least one window; windows without it point at [CLS].
    const answerable = dataset.train.flatMap((e, i) => (e.isImpossible ? [] : [i]));
    expect(answerable).toHaveLength(293);
    expect([...answeredIn].sort((a, b) => a - b)).toEqual(answerable);
    if (maxLength === 128) expect(features.length).toBeGreaterThan(dataset.train.length);
  });
});
