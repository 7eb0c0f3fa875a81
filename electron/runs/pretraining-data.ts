// A pre-training run's data: a corpus of documents (datasets/corpus) into the trainer's
// features, the way the two reference implementations build them:
//
//   next_sentence_prediction on   create_pretraining_data.py: sentence pairs
//                                 [CLS] A [SEP] B [SEP], B the real continuation half of
//                                 the time (core/train/next-sentence.ts)
//   next_sentence_prediction off  run_mlm.py's group_texts: every document as
//                                 [CLS] text [SEP], all concatenated and cut into
//                                 max_seq_length blocks
//
// Training features carry no labels: the trainer masks them afresh every epoch. The
// held-out documents are masked once, from a generator of their own, so that every
// evaluation scores the same predictions.
import { Rng } from '../../core/random';
import type { BertTokenizer } from '../../core/tokenizer';
import { maskForMlm } from '../../core/train/batching';
import type { TrainingFeature } from '../../core/train/features';
import { continuationIdsOf, type MaskingOptions, type SpecialTokenIds } from '../../core/train/mlm';
import { createSentencePairs, encodeSentencePair } from '../../core/train/next-sentence';
import { maskedLmEvaluation } from '../../core/train/pretraining-evaluation';
import type { TrainingSettings } from '../../core/train/settings';
import type { Dataset } from '../../datasets/load';
import type { CorpusDocument } from '../../datasets/types';
import type { FeaturizeOptions, PreparedFeatures, TrainingData } from './training-data';

/** Separate streams for building pairs and for the held-out masks: neither moves the trainer's own generators. */
const PAIR_SEED_SALT = 0x9a1e5;
const HELD_OUT_MASK_SALT = 0x5eed;

export function specialTokenIds(tokenizer: BertTokenizer): SpecialTokenIds {
  return { clsId: tokenizer.clsId, sepId: tokenizer.sepId, maskId: tokenizer.maskId, padId: tokenizer.padId, unkId: tokenizer.unkId, vocabSize: tokenizer.vocabSize };
}

/** How the run masks: its tokenizer's special tokens, mlm_probability and, for whole-word masking, the vocabulary's "##" pieces. */
export function maskingOptions(tokenizer: BertTokenizer, settings: Pick<TrainingSettings, 'mlm_probability' | 'whole_word_mask'>): MaskingOptions {
  const options: MaskingOptions = { ...specialTokenIds(tokenizer), mlmProbability: settings.mlm_probability };
  if (settings.whole_word_mask) {
    options.continuationIds = continuationIdsOf(Array.from({ length: tokenizer.vocabSize }, (_, id) => tokenizer.idToToken(id) ?? ''));
  }
  return options;
}

/** Masks drawn once from a generator of the run's seed (a separate stream from training's); features that already have labels keep them. */
export function maskOnce(features: TrainingFeature[], masking: MaskingOptions | undefined, seed: number): TrainingFeature[] {
  if (features.every((feature) => feature.labels)) return features;
  if (!masking) throw new Error("unmasked pre-training validation features need the tokenizer's special tokens");
  const rng = new Rng(seed ^ HELD_OUT_MASK_SALT);
  return features.map((feature) => (feature.labels ? feature : maskForMlm(feature, masking, rng)));
}

/** The corpus as the trainer's data; `dataset` is loaded and checked by the caller. */
export function corpusTrainingData(dataset: Dataset<'mlm'>, notes: string[], tokenizer: BertTokenizer, settings: TrainingSettings): TrainingData {
  if (settings.next_sentence_prediction && dataset.stats.train.multiSentenceDocuments === 0) {
    throw new Error(
      'next_sentence_prediction needs documents of two or more sentences (one sentence per line, a blank line between documents), and no document of this corpus has two: turn next_sentence_prediction off to pack the text into max_seq_length blocks',
    );
  }
  return {
    notes,
    featurize: ({ maxLength }: FeaturizeOptions): PreparedFeatures => {
      const build = (documents: readonly CorpusDocument[], salt: number) => corpusFeatures(documents, tokenizer, settings, maxLength, new Rng(settings.seed ^ salt));
      // Random continuations come from the same side of the split: held-out pairs never read training text.
      const nspNeedsTwo = (documents: readonly CorpusDocument[]) => settings.next_sentence_prediction && documents.length < 2;
      if (nspNeedsTwo(dataset.train)) throw new Error('next-sentence pairs need at least 2 training documents (a random continuation comes from another document): separate documents with a blank line');
      const train = build(dataset.train, PAIR_SEED_SALT);
      if (train.length === 0) throw new Error('the corpus gives no training sequences: none of its text tokenizes to word pieces');
      if (dataset.validation.length > 0 && nspNeedsTwo(dataset.validation)) notes.push('the held-out split has a single document, too few for next-sentence pairs: no evaluation (raise validation_split_percentage or give a validation file)');
      const heldOut = dataset.validation.length > 0 ? build(dataset.validation, PAIR_SEED_SALT + 1) : [];
      const prepared: PreparedFeatures = { train };
      if (heldOut.length > 0) prepared.evaluation = maskedLmEvaluation(maskOnce(heldOut, maskingOptions(tokenizer, settings), settings.seed));
      return prepared;
    },
  };
}

function corpusFeatures(documents: readonly CorpusDocument[], tokenizer: BertTokenizer, settings: TrainingSettings, maxLength: number, rng: Rng): TrainingFeature[] {
  const tokenized = documents
    .map((document) => document.sentences.map((sentence) => tokenizer.tokenize(sentence).map((token) => token.id)).filter((ids) => ids.length > 0))
    .filter((sentences) => sentences.length > 0);
  if (!settings.next_sentence_prediction) return packedBlocks(tokenized, specialTokenIds(tokenizer), maxLength);
  if (tokenized.length < 2) return [];
  return createSentencePairs(tokenized, { maxSeqLength: maxLength }, rng).map((pair) => {
    const encoded = encodeSentencePair(pair, specialTokenIds(tokenizer), maxLength);
    return { inputIds: encoded.input_ids, tokenTypeIds: encoded.token_type_ids, attentionMask: encoded.attention_mask, nextSentenceLabel: encoded.next_sentence_label };
  });
}

/**
 * run_mlm.py's group_texts: [CLS] document [SEP] for every document, concatenated and cut
 * into blocks of `blockSize`; the short remainder is dropped when there is a whole block.
 */
export function packedBlocks(documents: readonly (readonly number[][])[], tokens: SpecialTokenIds, blockSize: number): TrainingFeature[] {
  const stream = documents.flatMap((sentences) => [tokens.clsId, ...sentences.flat(), tokens.sepId]);
  const usable = stream.length >= blockSize ? stream.length - (stream.length % blockSize) : stream.length;
  const blocks: TrainingFeature[] = [];
  for (let start = 0; start < usable; start += blockSize) {
    const inputIds = stream.slice(start, start + blockSize);
    blocks.push({ inputIds, tokenTypeIds: inputIds.map(() => 0), attentionMask: inputIds.map(() => 1) });
  }
  return blocks;
}
