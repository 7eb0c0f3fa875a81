// NER: word-level tags → word-piece labels for training, and word-piece predictions →
// word-level tags for evaluation. A word's label goes on its first piece; the other pieces
// get IGNORE_INDEX (or, with labelAllTokens, the word's label with B- turned into I-, as
// Transformers' run_ner does). Words that give no pieces (a lone U+FE0F when uncased) and
// words cut off by max_length carry no label and are predicted as O.
import type { NerExample } from '../types';
import type { DatasetTokenizer } from '../tokenizer';
import { IGNORE_INDEX, labelIds, modelInputs, type ModelInputs } from './model-inputs';

export interface NerFeature extends ModelInputs {
  /** Per token: a label id or IGNORE_INDEX. */
  labels: number[];
  /** Per token: the word it came from, null for [CLS]/[SEP]/padding. */
  wordIds: (number | null)[];
  /** Number of words in the example (to map predictions back). */
  wordCount: number;
}

export interface NerFeaturizeOptions {
  maxLength: number;
  /** IOB2 tags in id order (Dataset.labels). */
  labels: readonly string[];
  /** Label every piece of a word, not only the first. */
  labelAllTokens?: boolean;
  padding?: 'max_length' | false;
}

export type NerInput = Pick<NerExample, 'tokens'> & { tags?: string[] };

export function featurizeNer(examples: readonly NerInput[], tokenizer: DatasetTokenizer, options: NerFeaturizeOptions): NerFeature[] {
  const ids = labelIds(options.labels);
  const continuation = continuationLabels(options.labels, ids);
  return examples.map((example) => {
    const encoding = tokenizer.encodeWords(example.tokens, undefined, {
      maxLength: options.maxLength,
      truncation: 'longest_first',
      padding: options.padding ?? 'max_length',
    });
    const wordLabels = (example.tags ?? []).map((tag) => ids.get(tag) ?? IGNORE_INDEX);
    return {
      ...modelInputs(encoding),
      labels: alignLabels(encoding.wordIds, wordLabels, options.labelAllTokens ? continuation : undefined),
      wordIds: encoding.wordIds,
      wordCount: example.tokens.length,
    };
  });
}

/**
 * Word labels → token labels. `continuation` (label id → id for a word's later pieces)
 * labels every piece; without it only first pieces are labelled.
 */
export function alignLabels(wordIds: readonly (number | null)[], wordLabels: readonly number[], continuation?: readonly number[]): number[] {
  return wordIds.map((word, i) => {
    if (word === null) return IGNORE_INDEX;
    const label = wordLabels[word] ?? IGNORE_INDEX;
    const isFirstPiece = i === 0 || wordIds[i - 1] !== word;
    if (isFirstPiece || label === IGNORE_INDEX) return label;
    return continuation ? continuation[label]! : IGNORE_INDEX;
  });
}

/** For each label id, the id its word's later pieces get: I-X for B-X, itself otherwise. */
export function continuationLabels(labels: readonly string[], ids: ReadonlyMap<string, number> = labelIds(labels)): number[] {
  return labels.map((label, id) => (label.startsWith('B-') ? ids.get(`I-${label.slice(2)}`) ?? id : id));
}

/**
 * Token predictions (label ids, one per token) → one tag per word: the prediction on the
 * word's first piece. Words without a piece in the feature get "O".
 */
export function wordTagsFromPredictions(feature: Pick<NerFeature, 'wordIds' | 'wordCount'>, predictions: readonly number[], labels: readonly string[]): string[] {
  const tags = new Array<string>(feature.wordCount).fill('O');
  const seen = new Set<number>();
  feature.wordIds.forEach((word, i) => {
    if (word === null || seen.has(word)) return;
    seen.add(word);
    tags[word] = labels[predictions[i]!] ?? 'O';
  });
  return tags;
}
