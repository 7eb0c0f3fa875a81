// Unlabelled text for distillation (the run config's distillation.unlabelled): one
// example a line, encoded as the task's own featurizer encodes labelled examples but
// with every label -100, so the examples add to the soft (teacher) term alone. For NER a
// line is its words split at spaces, and the teacher's distributions are matched on the
// first piece of each word, where a labelled sentence carries its labels.
import { readFile } from 'node:fs/promises';
import type { BertTokenizer } from '../../core/tokenizer';
import type { TrainingFeature } from '../../core/train/features';
import type { RunTask } from '../../core/train/run-config';
import { featurizeClassification } from '../../datasets/featurize/classification';
import { featurizeNer } from '../../datasets/featurize/ner';

export interface UnlabelledFeatures {
  features: TrainingFeature[];
  /** NER: per feature, 1 at the first piece of each word. */
  tokenMasks?: number[][];
}

export async function readUnlabelledText(file: string, task: RunTask, tokenizer: BertTokenizer | undefined, options: { labels: readonly string[]; maxLength: number }): Promise<UnlabelledFeatures> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new Error(`distillation.unlabelled: cannot read ${file}: ${reason}`);
  }
  const lines = text.split(/\r?\n/).map((line) => line.trim()).filter(Boolean);
  if (lines.length === 0) throw new Error(`distillation.unlabelled: ${file} has no text lines`);
  if (!tokenizer) throw new Error('distillation.unlabelled: raw text needs a tokenizer, and the model folder has no vocab.txt');
  const encode = { maxLength: options.maxLength, labels: options.labels, padding: false as const };
  switch (task) {
    case 'classification':
      return { features: featurizeClassification(lines.map((line) => ({ text: line })), tokenizer, encode) };
    case 'ner': {
      const features = featurizeNer(lines.map((line) => ({ tokens: line.split(/\s+/) })), tokenizer, encode);
      const tokenMasks = features.map((feature) => feature.wordIds.map((word, i) => (word !== null && (i === 0 || feature.wordIds[i - 1] !== word) ? 1 : 0)));
      return { features: features.map(({ inputIds, tokenTypeIds, attentionMask, labels }) => ({ inputIds, tokenTypeIds, attentionMask, labels })), tokenMasks };
    }
    default:
      throw new Error(`distillation.unlabelled: unlabelled text is not supported for ${task}`);
  }
}
