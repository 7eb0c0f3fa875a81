// The task heads by name: adding a head is one file and one entry here (and its
// parameters in layout.ts).
import type { HeadName } from '../layout';
import { pretraining } from './pretraining';
import { questionAnswering } from './question-answering';
import { sequenceClassification } from './sequence-classification';
import { tokenClassification } from './token-classification';

export const HEADS = {
  'sequence-classification': sequenceClassification,
  'token-classification': tokenClassification,
  'question-answering': questionAnswering,
  pretraining,
} as const satisfies Record<HeadName, unknown>;

export type HeadByName = typeof HEADS;
export type AnyTaskHead = HeadByName[HeadName];
export type Prediction = ReturnType<AnyTaskHead['decode']>;

export function headFor(name: HeadName): AnyTaskHead {
  return HEADS[name];
}

export { headForArchitectures } from '../architectures';
