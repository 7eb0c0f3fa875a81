// The three arrays every BERT input has, as plain numbers: featurizers need no TF.js, the
// trainer turns batches of these into tensors.
import type { Encoding } from '../tokenizer';

export interface ModelInputs {
  inputIds: number[];
  tokenTypeIds: number[];
  attentionMask: number[];
}

/** Label id that the cross-entropy loss skips (PyTorch's and Transformers' convention). */
export const IGNORE_INDEX = -100;

export function modelInputs(encoding: Encoding): ModelInputs {
  return { inputIds: encoding.inputIds, tokenTypeIds: encoding.tokenTypeIds, attentionMask: encoding.attentionMask };
}

/** label → id for a head's label list; a duplicate name in the list is a programming error. */
export function labelIds(labels: readonly string[]): Map<string, number> {
  const ids = new Map(labels.map((label, id) => [label, id]));
  if (ids.size !== labels.length) throw new Error(`label list has duplicates: ${labels.join(', ')}`);
  return ids;
}
