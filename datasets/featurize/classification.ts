// Classification examples → model inputs and label ids. Pairs are encoded as
// [CLS] text [SEP] pair [SEP] with token type 1 on the pair, truncated longest-first
// (Transformers' default), so a long premise does not push out the whole hypothesis.
import type { ClassificationExample } from '../types';
import type { DatasetTokenizer } from '../tokenizer';
import { IGNORE_INDEX, labelIds, modelInputs, type ModelInputs } from './model-inputs';

export interface ClassificationFeature extends ModelInputs {
  /** Index into the label list; IGNORE_INDEX for an unlabelled or unknown example. */
  label: number;
}

export interface ClassificationFeaturizeOptions {
  maxLength: number;
  /** The head's labels in id order (Dataset.labels). */
  labels: readonly string[];
  /** Pad every feature to maxLength (fixed shapes, default) or leave them ragged for dynamic padding. */
  padding?: 'max_length' | false;
}

export type ClassificationInput = Pick<ClassificationExample, 'text' | 'textPair'> & { label?: string };

export function featurizeClassification(examples: readonly ClassificationInput[], tokenizer: DatasetTokenizer, options: ClassificationFeaturizeOptions): ClassificationFeature[] {
  const ids = labelIds(options.labels);
  return examples.map((example) => {
    const encoding = tokenizer.encode(example.text, example.textPair, {
      maxLength: options.maxLength,
      truncation: 'longest_first',
      padding: options.padding ?? 'max_length',
    });
    const label = example.label === undefined ? undefined : ids.get(example.label);
    return { ...modelInputs(encoding), label: label ?? IGNORE_INDEX };
  });
}
