// Which head a checkpoint was saved with, from config.json's `architectures`: plain data,
// no TensorFlow.js, so the service can describe a checkpoint without loading a backend.
import type { HeadName } from './layout';

/**
 * Transformers classes whose checkpoints map onto a head. BertForMaskedLM checkpoints
 * (bert-base-uncased declares it) carry the pre-training weights.
 */
const ARCHITECTURES: Record<string, HeadName> = {
  BertForSequenceClassification: 'sequence-classification',
  BertForTokenClassification: 'token-classification',
  BertForQuestionAnswering: 'question-answering',
  BertForPreTraining: 'pretraining',
  BertForMaskedLM: 'pretraining',
};

/** The head a checkpoint was saved with, from config.json's `architectures`. */
export function headForArchitectures(architectures: readonly string[] | undefined): HeadName | undefined {
  for (const architecture of architectures ?? []) {
    const head = ARCHITECTURES[architecture];
    if (head) return head;
  }
  return undefined;
}
