// A run's data, from the files its config names to the trainer's features and evaluation
// set. Two phases, because the model sits in between: reading says which labels the data
// needs (the model's head is built or checked against them); featurizing then encodes
// with the model's label ids and sequence length. Raw files go through datasets/ (parsing,
// validation, a seeded validation split when there is no validation file); `features`
// files are pre-tokenized JSON lines read as they are.
import { readFile } from 'node:fs/promises';
import type { BertTokenizer } from '../../core/tokenizer';
import { classificationEvaluation, lossEvaluation, tokenClassificationEvaluation, type EvaluationSet } from '../../core/train/evaluation';
import { maskedLmEvaluation } from '../../core/train/pretraining-evaluation';
import { parseFeaturesJsonl, type TrainingFeature } from '../../core/train/features';
import type { TrainingSettings } from '../../core/train/settings';
import type { RunConfig, RunTask } from '../../core/train/run-config';
import { featurizeClassification } from '../../datasets/featurize/classification';
import { featurizeNer } from '../../datasets/featurize/ner';
import { featurizeQa } from '../../datasets/featurize/qa';
import type { Dataset } from '../../datasets/load';
import { describeProblem } from '../../datasets/problems';
import { loadDatasetFiles } from '../../datasets/read-node';
import { readOptionsFor } from '../../datasets/read-options';
import type { SplitOptions } from '../../datasets/split';
import type { Task } from '../../datasets/types';
import { corpusTrainingData, maskingOptions, maskOnce } from './pretraining-data';
import { nerWordEvaluation, qaAnswerEvaluation } from './evaluation-sets';

export interface FeaturizeOptions {
  /** The model's label names in id order (classification, NER). */
  labels: readonly string[];
  /** Tokens per example: max_seq_length, capped by the model's positions. */
  maxLength: number;
}

export interface PreparedFeatures {
  train: TrainingFeature[];
  evaluation?: EvaluationSet;
}

export interface TrainingData {
  /** The label names the data defines, in id order; undefined when its labels are bare ids (features) or the head has none. */
  labels?: string[];
  /** The largest label id in `features` data, for a head built without label names. */
  maxLabelId?: number;
  /** Warnings about the data, one sentence each. */
  notes: string[];
  featurize(options: FeaturizeOptions): PreparedFeatures;
}

type Loader = (config: RunConfig, tokenizer: BertTokenizer | undefined) => Promise<TrainingData>;

/** Reads and checks the run's data files. The tokenizer may be absent only for `features` data. */
export function loadTrainingData(config: RunConfig, tokenizer: BertTokenizer | undefined): Promise<TrainingData> {
  if (config.data.format === 'features') return loadFeatures(config, tokenizer);
  if (!tokenizer) throw new Error('raw text data needs a tokenizer: the checkpoint folder has no vocab.txt');
  return RAW_LOADERS[config.task](config, tokenizer);
}

const RAW_LOADERS: Record<RunTask, Loader> = {
  classification: async (config, tokenizer) => {
    const { dataset, notes } = await loadChecked('classification', config, tokenizer!);
    return {
      labels: dataset.labels,
      notes,
      featurize: ({ labels, maxLength }) => {
        const encode = (examples: Dataset<'classification'>['train']) => featurizeClassification(examples, tokenizer!, { maxLength, labels, padding: false });
        const train = encode(dataset.train);
        const extras = { texts: dataset.validation.map(exampleTexts), trainLabels: train.flatMap((feature) => (feature.label === undefined ? [] : [feature.label])) };
        return { train, evaluation: dataset.validation.length > 0 ? classificationEvaluation(encode(dataset.validation), labels, extras) : undefined };
      },
    };
  },
  ner: async (config, tokenizer) => {
    const { dataset, notes } = await loadChecked('ner', config, tokenizer!);
    return {
      labels: dataset.labels,
      notes,
      featurize: ({ labels, maxLength }) => {
        const encode = (examples: Dataset<'ner'>['train']) => featurizeNer(examples, tokenizer!, { maxLength, labels, padding: false });
        const validation = dataset.validation;
        return { train: encode(dataset.train), evaluation: validation.length > 0 ? nerWordEvaluation(encode(validation), validation, labels) : undefined };
      },
    };
  },
  qa: async (config, tokenizer) => {
    const { dataset, notes } = await loadChecked('qa', config, tokenizer!);
    const docStride = config.training.doc_stride;
    return {
      notes,
      featurize: ({ maxLength }) => {
        const encode = (examples: Dataset<'qa'>['train'], split: string) => {
          const windows = featurizeQa(examples, tokenizer!, { maxLength, docStride, padding: false });
          for (const skipped of windows.skipped.slice(0, 3)) notes.push(`${split} question ${skipped.exampleIndex + 1} is left out: ${skipped.reason}`);
          return windows.features;
        };
        const validation = dataset.validation;
        return { train: encode(dataset.train, 'training'), evaluation: validation.length > 0 ? qaAnswerEvaluation(encode(validation, 'validation'), validation) : undefined };
      },
    };
  },
  mlm: async (config, tokenizer) => {
    const percentage = config.training.validation_split_percentage;
    const split = percentage > 0 ? { validationFraction: percentage / 100, seed: config.training.seed } : false;
    const { dataset, notes } = await loadChecked('mlm', config, tokenizer!, split);
    return corpusTrainingData(dataset, notes, tokenizer!, config.training);
  },
};

async function loadFeatures(config: RunConfig, tokenizer: BertTokenizer | undefined): Promise<TrainingData> {
  const read = async (file: string) => parseFeaturesJsonl(await readText(file), file);
  const train = await read(config.data.train);
  const validation = config.data.validation ? await read(config.data.validation) : undefined;
  const ids = train.flatMap((feature) => (feature.labels ?? (feature.label === undefined ? [] : [feature.label])));
  const data: TrainingData = {
    notes: [],
    featurize: ({ labels }) => ({ train, evaluation: validation && featuresEvaluation(config.task, validation, labels, config.training, tokenizer) }),
  };
  if (config.data.labels) data.labels = config.data.labels;
  if (ids.length > 0) data.maxLabelId = Math.max(...ids);
  return data;
}

function featuresEvaluation(task: RunTask, validation: TrainingFeature[], labels: readonly string[], settings: TrainingSettings, tokenizer: BertTokenizer | undefined): EvaluationSet {
  switch (task) {
    case 'classification':
      return classificationEvaluation(validation, labels);
    case 'ner':
      return tokenClassificationEvaluation(validation, labels);
    case 'qa':
      return lossEvaluation(validation); // no contexts to read answers from
    case 'mlm':
      // Unmasked validation lines get fixed masks, so every evaluation sees the same ones.
      return maskedLmEvaluation(maskOnce(validation, tokenizer && maskingOptions(tokenizer, settings), settings.seed));
  }
}

/** Loads a raw data set as data.format, data.columns and data.label_names say, refusing it when datasets/ found errors (the first ones named). */
async function loadChecked<T extends Task>(
  task: T,
  config: RunConfig,
  tokenizer: BertTokenizer,
  split: SplitOptions | false = { validationFraction: 0.1, seed: config.training.seed },
): Promise<{ dataset: Dataset<T>; notes: string[] }> {
  const { data, training } = config;
  const paths = data.validation ? { train: data.train, validation: data.validation } : { train: data.train };
  const dataset = await loadDatasetFiles(task, paths, {
    read: readOptionsFor(task, data),
    tokenizer,
    maxSeqLength: training.max_seq_length,
    docStride: training.doc_stride,
    split,
  });
  const errors = dataset.problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0) {
    const more = errors.length > 1 ? ` (and ${errors.length - 1} more problems; \`bert-workbench inspect-data\` lists them)` : '';
    throw new Error(`the data cannot be used: ${describeProblem(errors[0]!)}${more}`);
  }
  // The run log says the level of each note (a warning line): the problem's own words follow it.
  return { dataset, notes: dataset.problems.map((problem) => describeProblem(problem)) };
}

async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new Error((error as NodeJS.ErrnoException).code === 'ENOENT' ? `no such file: ${file}` : `cannot read ${file}: ${(error as Error).message}`);
  }
}

/** A classification example's texts as the predictions viewer shows them. */
function exampleTexts(example: Dataset<'classification'>['train'][number]): { text: string; text_pair?: string } {
  return example.textPair === undefined ? { text: example.text } : { text: example.text, text_pair: example.textPair };
}
