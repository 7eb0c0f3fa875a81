// Training features: tokenized examples with their labels. The shape is the one the
// featurizers in datasets/ produce (their ClassificationFeature, NerFeature and QaFeature
// are TrainingFeatures as they are), and `parseFeaturesJsonl` reads the same from the
// columns of a tokenized Hugging Face dataset (`input_ids`, `labels`, `start_positions`, …),
// so `dataset.map(tokenize).to_json(lines=True)` output trains here unchanged.
import type { BertConfig } from '../model/config';
import { IGNORE_INDEX } from '../model/heads/losses';
import { numLabels, type HeadName } from '../model/layout';
import { exampleProblem, type TokenizedExample } from '../model/prediction';

export interface TrainingFeature extends TokenizedExample {
  /** Sequence classification: the class id (the target value for regression); -100 for none. */
  label?: number;
  /**
   * Per token. Token classification: a class id, -100 where no loss is taken. Pre-training:
   * the original id at masked positions, -100 elsewhere; absent, the trainer masks on the
   * fly (BERT's 15% recipe).
   */
  labels?: number[];
  /** Question answering: token positions of the answer span ([CLS], 0, for no answer). */
  startPosition?: number;
  endPosition?: number;
  /** Pre-training: 0 when segment B follows A, 1 when it is random. */
  nextSentenceLabel?: number;
}

/** The number of tokens before the trailing padding. */
export function realLength(feature: TokenizedExample): number {
  const mask = feature.attentionMask;
  if (!mask) return feature.inputIds.length;
  let length = mask.length;
  while (length > 0 && mask[length - 1] === 0) length--;
  return length;
}

/** Whether the feature carries what the head's loss needs (evaluation features may not). */
export function hasLabels(feature: TrainingFeature, head: HeadName): boolean {
  switch (head) {
    case 'sequence-classification':
      return feature.label !== undefined;
    case 'token-classification':
    case 'pretraining':
      return feature.labels !== undefined;
    case 'question-answering':
      return feature.startPosition !== undefined && feature.endPosition !== undefined;
  }
}

/** Why the model with this head cannot train on the feature, or undefined when it can. */
export function featureProblem(feature: TrainingFeature, head: HeadName, config: BertConfig): string | undefined {
  const inputs = exampleProblem(feature, config);
  if (inputs) return inputs;
  const length = feature.inputIds.length;
  switch (head) {
    case 'sequence-classification': {
      const classes = numLabels(config);
      if (typeof feature.label !== 'number') return 'labels must be a class id';
      // One output is regression (any number); otherwise an id among the classes, or -100
      // for an example without a label (distillation's unlabelled text: no CE term).
      if (classes > 1 && feature.label !== IGNORE_INDEX && !isClassId(feature.label, classes)) return `labels ${feature.label} is not a class id 0..${classes - 1}`;
      return undefined;
    }
    case 'token-classification':
      return tokenLabelsProblem(feature.labels, length, numLabels(config));
    case 'pretraining':
      if (feature.nextSentenceLabel !== undefined && !isClassId(feature.nextSentenceLabel, 2)) return 'next_sentence_label must be 0 or 1';
      return feature.labels === undefined ? undefined : tokenLabelsProblem(feature.labels, length, config.vocab_size);
    case 'question-answering': {
      const { startPosition: start, endPosition: end } = feature;
      if (!isPosition(start) || !isPosition(end)) return 'start_positions and end_positions must be token positions';
      return end < start ? 'end_positions is before start_positions' : undefined;
    }
  }
}

function isPosition(value: number | undefined): value is number {
  return Number.isInteger(value) && value! >= 0;
}

function isClassId(value: number, classes: number): boolean {
  return Number.isInteger(value) && value >= 0 && value < classes;
}

function tokenLabelsProblem(labels: number[] | undefined, length: number, classes: number): string | undefined {
  if (!Array.isArray(labels)) return 'labels must be a list with one id per token';
  if (labels.length !== length) return `labels has ${labels.length} entries but input_ids has ${length}`;
  const bad = labels.find((label) => label !== IGNORE_INDEX && !isClassId(label, classes));
  return bad === undefined ? undefined : `labels contains ${bad}, expected -100 or 0..${classes - 1}`;
}

const MAX_REPORTED_LINES = 20;

/**
 * Features from JSON lines, one object a line; other columns (text, id, …) are ignored,
 * as Trainer's remove_unused_columns does. Throws one error naming the bad lines.
 */
export function parseFeaturesJsonl(text: string, file: string): TrainingFeature[] {
  const features: TrainingFeature[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      features.push(featureFromColumns(JSON.parse(line) as unknown));
    } catch (error) {
      problems.push(`${file} line ${index + 1}: ${error instanceof SyntaxError ? `malformed JSON (${error.message})` : (error as Error).message}`);
    }
  });
  if (problems.length > 0) {
    const more = problems.length > MAX_REPORTED_LINES ? `\n… and ${problems.length - MAX_REPORTED_LINES} more` : '';
    throw new Error(problems.slice(0, MAX_REPORTED_LINES).join('\n') + more);
  }
  if (features.length === 0) throw new Error(`${file} has no features`);
  return features;
}

/** One record under Hugging Face's column names. */
function featureFromColumns(value: unknown): TrainingFeature {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error('expected a JSON object');
  const record = value as Record<string, unknown>;
  const given = (key: string) => record[key] !== undefined && record[key] !== null;
  const feature: TrainingFeature = { inputIds: integers(record.input_ids, 'input_ids') };
  if (given('token_type_ids')) feature.tokenTypeIds = integers(record.token_type_ids, 'token_type_ids');
  if (given('attention_mask')) feature.attentionMask = integers(record.attention_mask, 'attention_mask');
  if (given('labels')) {
    if (Array.isArray(record.labels)) feature.labels = integers(record.labels, 'labels');
    else feature.label = finiteNumber(record.labels, 'labels');
  }
  if (given('start_positions')) feature.startPosition = integer(record.start_positions, 'start_positions');
  if (given('end_positions')) feature.endPosition = integer(record.end_positions, 'end_positions');
  if (given('next_sentence_label')) feature.nextSentenceLabel = integer(record.next_sentence_label, 'next_sentence_label');
  return feature;
}

function integers(value: unknown, name: string): number[] {
  if (!Array.isArray(value) || !value.every((v) => Number.isInteger(v))) throw new Error(`${name} must be a list of integers`);
  return value as number[];
}

function integer(value: unknown, name: string): number {
  if (!Number.isInteger(value)) throw new Error(`${name} must be an integer`);
  return value as number;
}

function finiteNumber(value: unknown, name: string): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new Error(`${name} must be a number or a list of integers`);
  return value;
}
