// The settings of domain pre-training (task "mlm"), under the names of Transformers'
// run_mlm.py and data collators. They live in `training` beside TrainingArguments'
// names, as run_mlm's max_seq_length does; other tasks ignore them.
import { flag, numberField } from './settings-fields';

export interface PretrainingSettings {
  /** Share of the tokens chosen for prediction (DataCollatorForLanguageModeling's mlm_probability). */
  mlm_probability: number;
  /** Choose whole words rather than word pieces (DataCollatorForWholeWordMask). */
  whole_word_mask: boolean;
  /** Sentence pairs with next-sentence labels (BERT); off packs the text into max_seq_length blocks (run_mlm's group_texts). */
  next_sentence_prediction: boolean;
  /** Documents held out to evaluate on when there is no validation file (run_mlm's validation_split_percentage); 0 holds none out. */
  validation_split_percentage: number;
}

export const PRETRAINING_SETTINGS_SCHEMA = {
  mlm_probability: numberField({ gt: 0, lt: 1 }).default(0.15),
  whole_word_mask: flag().default(false),
  next_sentence_prediction: flag().default(true),
  validation_split_percentage: numberField({ min: 0, lt: 100 }).default(5),
};

export const PRETRAINING_SETTING_HINTS: Record<keyof PretrainingSettings, string> = {
  mlm_probability: 'Pre-training: share of the tokens the model must predict; of those 80% become [MASK], 10% a random token, 10% stay. BERT uses 0.15.',
  whole_word_mask: 'Pre-training: mask whole words (a word and all its ## pieces) instead of single word pieces, as BERT-wwm.',
  next_sentence_prediction:
    'Pre-training: also learn whether segment B follows segment A (BERT); needs documents of two or more sentences. Off: the text is packed into max_seq_length blocks (RoBERTa, run_mlm).',
  validation_split_percentage: 'Pre-training: percent of the documents held out to measure MLM loss, accuracy and perplexity on, when there is no validation file; 0 holds none out.',
};
