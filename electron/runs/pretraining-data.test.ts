// A pre-training run's data from its config: sentence pairs with next-sentence labels,
// or run_mlm's packed blocks; held-out documents masked once; the masking settings
// reaching the trainer; and the corpus problems a person can act on.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../core/tf';
import { referenceCheckpointDir } from '../../core/model/testing';
import { parseRunConfig } from '../../core/train/run-config';
import { packedBlocks } from './pretraining-data';
import { setUpRun } from './training-setup';

let root: string;
const documents = [
  ['john smith caught fish in the river', 'the fish was very good'],
  ['this movie is good', 'the actors are great', 'i love the story'],
  ['paris is the capital of france', 'london is a city'],
  ['this film is terrible', 'the plot is bad'],
];
beforeAll(async () => {
  await tf.setBackend('cpu');
  root = mkdtempSync(path.join(tmpdir(), 'pretraining-data-'));
  const corpus = Array.from({ length: 5 }, () => documents.map((sentences) => sentences.join('\n')).join('\n\n')).join('\n\n');
  writeFileSync(path.join(root, 'corpus.txt'), corpus + '\n');
  writeFileSync(path.join(root, 'sentences.tsv'), 'sentence\tlabel\n' + documents.flat().map((s, i) => `${s}\t${i % 2}`).join('\n') + '\n');
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

const setUp = (train: string, training: Record<string, unknown>) =>
  setUpRun(parseRunConfig({ task: 'mlm', model: { checkpoint: referenceCheckpointDir('pretraining') }, data: { train: path.join(root, train) }, training: { max_seq_length: 16, ...training } }));

describe('pre-training data', () => {
  it('builds [CLS] A [SEP] B [SEP] pairs with next-sentence labels, and a held-out set masked once', async () => {
    const setup = await setUp('corpus.txt', { validation_split_percentage: 20, mlm_probability: 0.3 });
    try {
      const tokenizer = setup.maskTokens!;
      expect(setup.train.length).toBeGreaterThan(10);
      for (const feature of setup.train) {
        expect(feature.labels).toBeUndefined(); // masked afresh every epoch by the trainer
        expect([0, 1]).toContain(feature.nextSentenceLabel);
        const length = feature.attentionMask!.filter((m) => m === 1).length;
        const ids = feature.inputIds.slice(0, length);
        expect(ids[0]).toBe(tokenizer.clsId);
        expect(ids.filter((id) => id === tokenizer.sepId)).toHaveLength(2);
        expect(ids.at(-1)).toBe(tokenizer.sepId);
        expect(feature.tokenTypeIds!.slice(0, length).at(-1)).toBe(1);
      }
      expect(new Set(setup.train.map((f) => f.nextSentenceLabel))).toEqual(new Set([0, 1]));
      expect(setup.maskTokens).toMatchObject({ mlmProbability: 0.3 });
      expect(setup.maskTokens!.continuationIds).toBeUndefined();
      const evaluation = setup.evaluation!;
      expect(evaluation.metricNames).toEqual(['loss', 'mlm_loss', 'mlm_accuracy', 'perplexity', 'nsp_loss', 'nsp_accuracy']);
      expect(evaluation.features.length).toBeGreaterThan(0);
      expect(evaluation.features.every((f) => f.labels !== undefined && f.nextSentenceLabel !== undefined)).toBe(true);
    } finally {
      setup.model.dispose();
    }
  });

  it('packs the text into max_seq_length blocks without next-sentence prediction, from a table\'s text column', async () => {
    const setup = await setUp('sentences.tsv', { next_sentence_prediction: false, whole_word_mask: true, validation_split_percentage: 0 });
    try {
      expect(setup.evaluation).toBeUndefined();
      expect(setup.train.length).toBeGreaterThan(1);
      for (const feature of setup.train) {
        expect(feature.inputIds).toHaveLength(16);
        expect(feature.nextSentenceLabel).toBeUndefined();
      }
      // Whole-word masking knows the vocabulary's "##" pieces.
      expect(setup.maskTokens!.continuationIds!.size).toBeGreaterThan(0);
    } finally {
      setup.model.dispose();
    }
  });

  it('refuses next-sentence prediction on a corpus of one-sentence documents, saying what to do', async () => {
    await expect(setUp('sentences.tsv', {})).rejects.toThrow(/next_sentence_prediction needs documents of two or more sentences.*turn next_sentence_prediction off/);
  });

  it('packs as run_mlm\'s group_texts: [CLS] document [SEP], concatenated, cut into blocks, the short rest dropped', () => {
    const tokens = { clsId: 2, sepId: 3, maskId: 4, padId: 0, vocabSize: 50 };
    const blocks = packedBlocks([[[10, 11], [12]], [[20, 21, 22]], [[30]]], tokens, 4);
    // Stream: 2 10 11 12 3 | 2 20 21 22 3 | 2 30 3 = 13 tokens -> 3 blocks of 4, 1 dropped.
    expect(blocks.map((b) => b.inputIds)).toEqual([
      [2, 10, 11, 12],
      [3, 2, 20, 21],
      [22, 3, 2, 30],
    ]);
    expect(blocks.every((b) => b.attentionMask!.every((m) => m === 1) && b.tokenTypeIds!.every((t) => t === 0))).toBe(true);
    // Less than a block: kept whole.
    expect(packedBlocks([[[10]]], tokens, 8).map((b) => b.inputIds)).toEqual([[2, 10, 3]]);
  });
});
