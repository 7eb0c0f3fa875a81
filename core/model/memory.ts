// How much memory a training run needs, from the config alone, so the UI can warn
// before a run starts. Everything is float32 (4 bytes).
import type { BertConfig } from './config';
import { numElements, numLabels, parameterShapes, headUsesPooler, type HeadName } from './layout';

const BYTES_PER_FLOAT = 4;

export interface MemoryEstimateOptions {
  batchSize: number;
  seqLen: number;
  headName: HeadName;
  /** Which parameters train: a fraction of all, or their names; default all. */
  trainable?: number | readonly string[];
  /** Pre-training: the share of positions the MLM decoder runs at (mlm_probability: it decodes the masked ones only); default every position. */
  maskedShare?: number;
}

/** Bytes, and the parameter counts they come from. */
export interface MemoryEstimate {
  parameters: number;
  trainableParameters: number;
  weights: number;
  gradients: number;
  /** AdamW's first and second moments: two floats per trainable parameter. */
  optimizerState: number;
  /** Tensors the forward pass keeps for the backward pass, for one batch. */
  activations: number;
  total: number;
}

/**
 * Floats the backward pass needs from one batch's forward pass. Per encoder layer, with
 * B batch, T length, H hidden, I intermediate, A heads:
 *   layer input (for Q, K, V)                 B·T·H
 *   Q, K, V (for the two attention matmuls)   3·B·T·H
 *   attention probabilities                   B·A·T·T   (+2·B·A·T·T for dropout mask and output)
 *   context (for the output projection)       B·T·H
 *   residual sum and normalised LayerNorm     2·B·T·H   (attention block)
 *   FFN pre-activation and GELU output        2·B·T·I
 *   residual sum of the FFN block             B·T·H     (its normalised output is the next layer's input)
 *   dropout masks after both projections      2·B·T·H   (when hidden dropout is on)
 * plus the embeddings (sum and dropout mask), the last hidden state and the head.
 */
export function activationFloats(config: BertConfig, options: Omit<MemoryEstimateOptions, 'trainable'>): number {
  const { batchSize: B, seqLen: T, headName } = options;
  const { hidden_size: H, intermediate_size: I, num_attention_heads: A, vocab_size: V } = config;
  const hiddenDropout = config.hidden_dropout_prob > 0;
  const attentionDropout = config.attention_probs_dropout_prob > 0;
  const BTH = B * T * H;
  const probs = B * A * T * T * (attentionDropout ? 3 : 1);
  const perLayer = 8 * BTH + 2 * B * T * I + probs + (hiddenDropout ? 2 * BTH : 0);
  const embeddings = BTH + (hiddenDropout ? BTH : 0);
  const lastHidden = BTH;
  const pooled = headUsesPooler(headName) ? 2 * B * H : 0;
  return embeddings + config.num_hidden_layers * perLayer + lastHidden + pooled + headActivationFloats(config, B, T, headName, V, options.maskedShare ?? 1);
}

/** The head's kept tensors: its input after dropout, logits and log-probabilities (and one-hot targets). */
function headActivationFloats(config: BertConfig, B: number, T: number, headName: HeadName, V: number, maskedShare: number): number {
  const H = config.hidden_size;
  switch (headName) {
    case 'sequence-classification':
      return B * H + 3 * B * numLabels(config);
    case 'token-classification':
      return B * T * H + 3 * B * T * numLabels(config);
    case 'question-answering':
      return 3 * 2 * B * T;
    case 'pretraining': {
      // At the decoded positions: transform (dense out, GELU out, LayerNorm out), MLM logits, log-probs, one-hot; NSP.
      const M = Math.ceil(maskedShare * B * T);
      return 3 * M * H + 3 * M * V + 3 * 2 * B;
    }
  }
}

export function estimateMemory(config: BertConfig, options: MemoryEstimateOptions): MemoryEstimate {
  const shapes = parameterShapes(config, { pooler: headUsesPooler(options.headName), head: options.headName });
  let parameters = 0;
  for (const shape of shapes.values()) parameters += numElements(shape);
  const trainable = options.trainable ?? 1;
  let trainableParameters: number;
  if (typeof trainable === 'number') {
    if (!(trainable >= 0 && trainable <= 1)) throw new RangeError(`trainable fraction must be in [0, 1], got ${trainable}`);
    trainableParameters = Math.round(parameters * trainable);
  } else {
    trainableParameters = trainable.reduce((sum, name) => {
      const shape = shapes.get(name);
      if (!shape) throw new RangeError(`no parameter named ${name}`);
      return sum + numElements(shape);
    }, 0);
  }
  const weights = parameters * BYTES_PER_FLOAT;
  const gradients = trainableParameters * BYTES_PER_FLOAT;
  const optimizerState = 2 * trainableParameters * BYTES_PER_FLOAT;
  const activations = activationFloats(config, options) * BYTES_PER_FLOAT;
  return { parameters, trainableParameters, weights, gradients, optimizerState, activations, total: weights + gradients + optimizerState + activations };
}
