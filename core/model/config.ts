// The BERT configuration under Hugging Face's `config.json` names, the presets from the
// BERT paper and the compact BERTs, and parameter counts computed from a config.
//
// Pure data and arithmetic: no TensorFlow.js import, so the UI can show presets and
// counts without loading a backend.
import { numElements, parameterShapes, type HeadName, type ParameterLayoutOptions } from './layout';

export interface BertConfig {
  vocab_size: number;
  hidden_size: number;
  num_hidden_layers: number;
  num_attention_heads: number;
  intermediate_size: number;
  /** Only the exact (erf) GELU is implemented; Hugging Face names it "gelu". */
  hidden_act: string;
  hidden_dropout_prob: number;
  attention_probs_dropout_prob: number;
  max_position_embeddings: number;
  type_vocab_size: number;
  initializer_range: number;
  layer_norm_eps: number;
  pad_token_id: number;
  /** Dropout before a classifier; hidden_dropout_prob when absent or null (as Transformers). */
  classifier_dropout?: number | null;
  architectures?: string[];
  /** Keys are label ids as strings, as in `config.json`. */
  id2label?: Record<string, string>;
  label2id?: Record<string, number>;
}

/** Activations with the exact erf form of GELU, under the names Transformers accepts for it. */
export const SUPPORTED_ACTIVATIONS = ['gelu', 'gelu_python'] as const;

export class ConfigError extends Error {
  override name = 'ConfigError';
}

const POSITIVE_INTEGER_FIELDS = [
  'vocab_size',
  'hidden_size',
  'num_hidden_layers',
  'num_attention_heads',
  'intermediate_size',
  'max_position_embeddings',
  'type_vocab_size',
] as const;

const PROBABILITY_FIELDS = ['hidden_dropout_prob', 'attention_probs_dropout_prob'] as const;

/** The problems with a config, each a sentence a person can act on; empty when valid. */
export function configProblems(config: BertConfig): string[] {
  const problems: string[] = [];
  for (const field of POSITIVE_INTEGER_FIELDS) {
    const value = config[field];
    if (!Number.isInteger(value) || value <= 0) problems.push(`${field} must be a positive integer, got ${String(value)}`);
  }
  for (const field of PROBABILITY_FIELDS) {
    const value = config[field];
    if (typeof value !== 'number' || !(value >= 0 && value < 1)) problems.push(`${field} must be in [0, 1), got ${String(value)}`);
  }
  if (
    Number.isInteger(config.hidden_size) &&
    Number.isInteger(config.num_attention_heads) &&
    config.num_attention_heads > 0 &&
    config.hidden_size % config.num_attention_heads !== 0
  ) {
    problems.push(`hidden_size ${config.hidden_size} is not divisible by num_attention_heads ${config.num_attention_heads}`);
  }
  if (!(SUPPORTED_ACTIVATIONS as readonly string[]).includes(config.hidden_act)) {
    problems.push(`hidden_act "${config.hidden_act}" is not supported; use one of ${SUPPORTED_ACTIVATIONS.join(', ')}`);
  }
  if (!(config.initializer_range > 0)) problems.push(`initializer_range must be positive, got ${String(config.initializer_range)}`);
  if (!(config.layer_norm_eps > 0)) problems.push(`layer_norm_eps must be positive, got ${String(config.layer_norm_eps)}`);
  if (!Number.isInteger(config.pad_token_id) || config.pad_token_id < 0 || config.pad_token_id >= config.vocab_size) {
    problems.push(`pad_token_id ${String(config.pad_token_id)} is not an id in the vocabulary of ${config.vocab_size}`);
  }
  if (config.id2label !== undefined) {
    const ids = Object.keys(config.id2label).map(Number).sort((a, b) => a - b);
    if (ids.length === 0 || ids.some((id, i) => id !== i)) {
      problems.push(`id2label keys must be 0..n-1, got ${Object.keys(config.id2label).join(', ') || 'none'}`);
    }
  }
  return problems;
}

/**
 * Why a parsed config.json is not a BERT this core can run, or undefined when it is one:
 * another `model_type` (DistilBERT, RoBERTa, …: their weights have other names and shapes)
 * or relative position embeddings. Checked before any weights are fetched or read.
 */
export function architectureProblem(json: Record<string, unknown>): string | undefined {
  if (json.model_type !== undefined && json.model_type !== 'bert') {
    return `config.json has model_type "${String(json.model_type)}"; only "bert" checkpoints are supported (not DistilBERT, RoBERTa or other architectures)`;
  }
  if (json.position_embedding_type !== undefined && json.position_embedding_type !== 'absolute') {
    return `position_embedding_type "${String(json.position_embedding_type)}" is not supported; only "absolute"`;
  }
  return undefined;
}

/** Throws a ConfigError listing every problem; returns the config for chaining. */
export function validateConfig(config: BertConfig): BertConfig {
  const problems = configProblems(config);
  if (problems.length > 0) throw new ConfigError(`invalid BERT config: ${problems.join('; ')}`);
  return config;
}

/** id2label / label2id for the given label names, in order. */
export function withLabels(config: BertConfig, labels: readonly string[]): BertConfig {
  return {
    ...config,
    id2label: Object.fromEntries(labels.map((label, id) => [String(id), label])),
    label2id: Object.fromEntries(labels.map((label, id) => [label, id])),
  };
}

// ---------------------------------------------------------------------------------------
// Presets

export const PRESET_NAMES = ['bert-tiny', 'bert-mini', 'bert-small', 'bert-medium', 'bert-base', 'bert-large'] as const;
export type PresetName = (typeof PRESET_NAMES)[number];

export interface Preset {
  name: PresetName;
  description: string;
  config: BertConfig;
}

/** The uncased-English BERT shape (vocab 30522, 512 positions) with the given depth and width. */
function bertShape(layers: number, hidden: number, heads: number): BertConfig {
  return {
    vocab_size: 30522,
    hidden_size: hidden,
    num_hidden_layers: layers,
    num_attention_heads: heads,
    intermediate_size: 4 * hidden,
    hidden_act: 'gelu',
    hidden_dropout_prob: 0.1,
    attention_probs_dropout_prob: 0.1,
    max_position_embeddings: 512,
    type_vocab_size: 2,
    initializer_range: 0.02,
    layer_norm_eps: 1e-12,
    pad_token_id: 0,
  };
}

function preset(name: PresetName, layers: number, hidden: number, heads: number, description: string): Preset {
  return { name, description, config: bertShape(layers, hidden, heads) };
}

/** Architectures only: a preset's weights are random (seeded); the pretrained checkpoints of these shapes are in core/hub/catalogue.ts. */
export const PRESETS: Readonly<Record<PresetName, Preset>> = {
  'bert-tiny': preset('bert-tiny', 2, 128, 2, 'The BERT-Tiny shape (Turc et al. 2019), random weights: pre-training from scratch in minutes on a CPU.'),
  'bert-mini': preset('bert-mini', 4, 256, 4, 'The BERT-Mini shape, random weights: pre-training from scratch on a CPU.'),
  'bert-small': preset('bert-small', 4, 512, 8, 'The BERT-Small shape (4 layers, 512 wide), random weights.'),
  'bert-medium': preset('bert-medium', 8, 512, 8, 'The BERT-Medium shape (8 layers), random weights.'),
  'bert-base': preset('bert-base', 12, 768, 12, 'The BERT-Base shape (Devlin et al. 2018), 110M parameters, random weights: pre-training it needs GPUs and days.'),
  'bert-large': preset('bert-large', 24, 1024, 16, "The BERT-Large shape, 340M parameters, random weights."),
};

export function isPresetName(name: string): name is PresetName {
  return (PRESET_NAMES as readonly string[]).includes(name);
}

/** A fresh copy of a preset's config, safe to modify. */
export function presetConfig(name: PresetName): BertConfig {
  return structuredClone(PRESETS[name].config);
}

// ---------------------------------------------------------------------------------------
// Parameter counts

export interface CountOptions {
  /** Count the pooler (dense + tanh on [CLS]); default true, as in BertModel. */
  pooler?: boolean;
  /** Add the parameters of this task head (its classifier size from id2label). */
  head?: HeadName;
}

/** The number of scalar parameters, from the config alone (tied decoder counted once). */
export function countParameters(config: BertConfig, options: CountOptions = {}): number {
  const layout: ParameterLayoutOptions = { pooler: options.pooler ?? true, head: options.head };
  let total = 0;
  for (const shape of parameterShapes(config, layout).values()) total += numElements(shape);
  return total;
}

/** 109482240 -> "109,482,240". */
export function formatCount(count: number): string {
  return count.toLocaleString('en-US');
}
