// How much memory a training run needs, from the config alone, so the UI can warn
// before a run starts and the pre-flight check (core/train/preflight.ts) can refuse what
// cannot fit. Everything is float32 (4 bytes).
//
// Calibrated against measured peaks (peak RSS of `bert-workbench bench`, batch 8 × 128,
// native-cpu, 2026-12-01): bert-tiny 344 MB, mini 609 MB, small 1093 MB, and with
// gradient checkpointing mini 520, small 854, base 2115 MB. What the estimate adds up:
//  - the process itself (Node, TensorFlow.js, the tokenizer): about 270 MB;
//  - weights, gradients and AdamW's two moments: 4 floats per trainable parameter;
//  - the activations the backward pass keeps, counted per layer from what each kernel's
//    gradient saves, twice over on native-cpu: its buffer pool holds one step's
//    temporaries for the next (buffer-pool.ts).
import type { BertConfig } from './config';
import { numElements, numLabels, parameterShapes, headUsesPooler, type HeadName } from './layout';

const BYTES_PER_FLOAT = 4;
/** Node, TensorFlow.js and the app in a training process, before any tensor. */
export const RUNTIME_BYTES = 270 * 2 ** 20;

export interface MemoryEstimateOptions {
  batchSize: number;
  seqLen: number;
  headName: HeadName;
  /** Which parameters train: a fraction of all, or their names; default all. */
  trainable?: number | readonly string[];
  /** Pre-training: the share of positions the MLM decoder runs at (mlm_probability: it decodes the masked ones only); default every position. */
  maskedShare?: number;
  /** Recompute each layer's activations in the backward pass (keeps one layer's). */
  gradientCheckpointing?: boolean;
  /**
   * The backend: native-cpu runs fused kernels that keep little (and pools buffers);
   * the others compose each chain from TF.js ops, whose gradients keep more. Default
   * native-cpu.
   */
  backend?: string;
}

/** Bytes, and the parameter counts they come from. */
export interface MemoryEstimate {
  parameters: number;
  trainableParameters: number;
  weights: number;
  gradients: number;
  /** AdamW's first and second moments: two floats per trainable parameter. */
  optimizerState: number;
  /** Tensors the forward pass keeps for the backward pass, for one batch, with the allocator's slack. */
  activations: number;
  /** The process without its tensors (Node, TensorFlow.js, the app). */
  runtime: number;
  total: number;
  /** What lives in the backend's own tensor memory (wasm's heap): everything but the runtime. */
  tensors: number;
}

/** Floats one encoder layer keeps for its backward pass. */
function layerFloats(config: BertConfig, B: number, T: number, fused: boolean): number {
  const { hidden_size: H, intermediate_size: I, num_attention_heads: A } = config;
  const [BTH, BTI, BATT] = [B * T * H, B * T * I, B * A * T * T];
  // Fused (native-cpu): the layer input, Q/K/V and their head-split copies, the merged
  // context, the two projections' outputs and LayerNorm inputs, the FFN's product before
  // GELU and after it, and the attention probabilities (dropout masks are redrawn).
  if (fused) return 12 * BTH + 2 * BTI + BATT;
  // Composed: every op's gradient keeps its inputs (and some their outputs): LayerNorm's
  // and GELU's intermediates, dropout masks, scores and probabilities.
  const hiddenDropout = config.hidden_dropout_prob > 0 ? 2 * BTH : 0;
  const attentionDropout = config.attention_probs_dropout_prob > 0 ? BATT : 0;
  return 18 * BTH + 6 * BTI + 3 * BATT + hiddenDropout + attentionDropout;
}

/** Floats the backward pass needs from one batch's forward pass (see layerFloats), plus the embeddings and the head. */
export function activationFloats(config: BertConfig, options: Omit<MemoryEstimateOptions, 'trainable'>): number {
  const { batchSize: B, seqLen: T, headName } = options;
  const { hidden_size: H, vocab_size: V } = config;
  const fused = (options.backend ?? 'native-cpu') === 'native-cpu';
  const BTH = B * T * H;
  const layer = layerFloats(config, B, T, fused);
  // With checkpointing each layer keeps its input; one layer's activations exist at a time, while it is recomputed.
  const layers = options.gradientCheckpointing ? config.num_hidden_layers * BTH + layer : config.num_hidden_layers * layer;
  const embeddings = 2 * BTH;
  const pooled = headUsesPooler(headName) ? 2 * B * H : 0;
  return embeddings + layers + BTH + pooled + headActivationFloats(config, B, T, headName, V, options.maskedShare ?? 1);
}

/** The allocator's slack on activations: native-cpu's pool keeps one step's temporaries for the next. */
function activationSlack(backend: string): number {
  return backend === 'native-cpu' ? 2 : 1.25;
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
  const backend = options.backend ?? 'native-cpu';
  const activations = Math.round(activationFloats(config, options) * BYTES_PER_FLOAT * activationSlack(backend));
  const tensors = weights + gradients + optimizerState + activations;
  return { parameters, trainableParameters, weights, gradients, optimizerState, activations, runtime: RUNTIME_BYTES, tensors, total: RUNTIME_BYTES + tensors };
}
