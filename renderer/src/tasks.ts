import type { TaskKind } from '../../electron/contract';

export const TASK_LABELS: Record<TaskKind, string> = { classification: 'Text classification', ner: 'Named-entity recognition', qa: 'Question answering', mlm: 'Domain pre-training' };

export const TASK_HINTS: Record<TaskKind, string> = {
  classification: 'One label per text or text pair: sentiment, topic, intent, entailment.',
  ner: 'A label per word: people, places, organisations, products… (CoNLL files).',
  qa: 'Find the answer span to a question in a passage, or say there is none (SQuAD).',
  mlm: 'Adapt BERT to your domain’s unlabelled text first (masked LM + next sentence, as BioBERT): from random weights, or continue from a checkpoint. Then fine-tune from the run.',
};

