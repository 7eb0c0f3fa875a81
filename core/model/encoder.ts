// BERT's encoder (Hugging Face's BertModel) as functions named after the checkpoint
// paths they read: bert.embeddings, bert.encoder.layer.N.{attention.self,
// attention.output, intermediate, output}, bert.pooler. Post-LayerNorm, exact GELU.
//
// Shapes: B batch, T sequence length, H hidden, A attention heads, D = H / A, I intermediate.
import * as tf from '../tf';
import type { BertConfig } from './config';
import { layerPrefix } from './layout';
import { fusedAttention } from '../native-cpu/fused-ops';
import { recomputedInBackward } from './checkpointing';
import { dropoutWithSeed, embeddingLookup, layerNorm, linear, linearGelu, type Dropout } from './nn';
import type { ParameterStore } from './parameter-store';

/** int32 [B, T] each, as a Hugging Face tokenizer returns them. */
export interface ModelInputs {
  inputIds: tf.Tensor2D;
  tokenTypeIds: tf.Tensor2D;
  attentionMask: tf.Tensor2D;
}

/** What every module reads: the config, the weights, and the dropout of this pass. */
export interface ModuleContext {
  config: BertConfig;
  params: ParameterStore;
  dropout: Dropout;
  /**
   * Seeds for kernels that drop inside (fused attention), drawn from the same generator
   * as `dropout`'s, one per dropout applied; absent when not training.
   */
  nextSeed?: () => number;
  /** Recompute each encoder layer's activations in the backward pass instead of keeping them (checkpointing.ts). */
  gradientCheckpointing?: boolean;
}

export interface EncoderOutput {
  lastHiddenState: tf.Tensor3D; // [B, T, H]
  /** tanh(dense([CLS])), [B, H]; absent when the model has no pooler. */
  poolerOutput?: tf.Tensor2D;
}

/** Large enough that a masked key gets exactly zero weight after softmax, small enough to stay finite. */
export const MASKED_SCORE = -1e9;

export function dense(ctx: ModuleContext, prefix: string, x: tf.Tensor): tf.Tensor {
  return linear(x, ctx.params.get(`${prefix}.weight`), ctx.params.get(`${prefix}.bias`));
}

/** gelu(dense(x)), as one fused kernel for the bias and GELU where the backend has it. */
export function denseGelu(ctx: ModuleContext, prefix: string, x: tf.Tensor): tf.Tensor {
  return linearGelu(x, ctx.params.get(`${prefix}.weight`), ctx.params.get(`${prefix}.bias`));
}

export function layerNormAt(ctx: ModuleContext, prefix: string, x: tf.Tensor): tf.Tensor {
  return layerNorm(x, ctx.params.get(`${prefix}.weight`), ctx.params.get(`${prefix}.bias`), ctx.config.layer_norm_eps);
}

/** bert.embeddings: word + position + token type, LayerNorm, dropout. */
export function embeddings(ctx: ModuleContext, inputs: ModelInputs): tf.Tensor3D {
  const p = 'bert.embeddings';
  const [, T] = inputs.inputIds.shape;
  const H = ctx.config.hidden_size;
  const words = embeddingLookup(ctx.params.get(`${p}.word_embeddings.weight`), inputs.inputIds); // [B, T, H]
  const positions = tf.slice(ctx.params.get(`${p}.position_embeddings.weight`), [0, 0], [T, H]); // [T, H], broadcast over B
  const types = embeddingLookup(ctx.params.get(`${p}.token_type_embeddings.weight`), inputs.tokenTypeIds); // [B, T, H]
  const sum = tf.add(tf.add(words, positions), types);
  return ctx.dropout(layerNormAt(ctx, `${p}.LayerNorm`, sum), ctx.config.hidden_dropout_prob) as tf.Tensor3D;
}

/** 0 where a key may be attended to, MASKED_SCORE where it is padding: [B, T] -> [B, 1, 1, T]. */
export function attentionBias(attentionMask: tf.Tensor2D): tf.Tensor4D {
  const [B, T] = attentionMask.shape;
  const blocked = tf.sub(1, tf.cast(attentionMask, 'float32')); // 1 at padding
  return tf.reshape(tf.mul(blocked, MASKED_SCORE), [B, 1, 1, T]);
}

/** [B, T, H] -> [B, A, T, D] */
function splitHeads(x: tf.Tensor, heads: number): tf.Tensor4D {
  const [B, T, H] = x.shape as [number, number, number];
  return tf.transpose(tf.reshape(x, [B, T, heads, H / heads]), [0, 2, 1, 3]);
}

/** [B, A, T, D] -> [B, T, H] */
function mergeHeads(x: tf.Tensor4D): tf.Tensor3D {
  const [B, A, T, D] = x.shape;
  return tf.reshape(tf.transpose(x, [0, 2, 1, 3]), [B, T, A * D]);
}

/** attention.self: dropout(softmax(Q·Kᵀ/√D + bias))·V per head. Padded queries are computed like any other. */
export function selfAttention(ctx: ModuleContext, prefix: string, x: tf.Tensor3D, bias: tf.Tensor4D): tf.Tensor3D {
  const A = ctx.config.num_attention_heads;
  const D = ctx.config.hidden_size / A;
  const rate = ctx.config.attention_probs_dropout_prob;
  const query = dense(ctx, `${prefix}.query`, x) as tf.Tensor3D; // [B, T, H]
  const key = dense(ctx, `${prefix}.key`, x) as tf.Tensor3D; // [B, T, H]
  const value = dense(ctx, `${prefix}.value`, x) as tf.Tensor3D; // [B, T, H]
  const [B, , , T] = bias.shape;
  const dropout = ctx.nextSeed && rate > 0 ? { rate, seed: ctx.nextSeed() } : undefined;
  // Native: the per-head products read the heads inside [B, T, H] and write the merged context.
  const fused = fusedAttention(query, key, value, tf.reshape(bias, [B, T]) as tf.Tensor2D, A, Math.sqrt(D), dropout);
  if (fused) return fused;
  const [q, k, v] = [splitHeads(query, A), splitHeads(key, A), splitHeads(value, A)]; // [B, A, T, D] each
  const scores = tf.add(tf.div(tf.matMul(q, k, false, true), Math.sqrt(D)), bias); // [B, A, T, T]
  const probs = tf.softmax(scores, -1); // [B, A, T, T]
  const dropped = dropout ? dropoutWithSeed(probs, dropout.rate, dropout.seed) : probs;
  return mergeHeads(tf.matMul(dropped, v) as tf.Tensor4D); // [B, A, T, D] -> [B, T, H]
}

/** attention.output and output: project, dropout, add the residual, LayerNorm. */
export function residualOutput(ctx: ModuleContext, prefix: string, x: tf.Tensor, residual: tf.Tensor): tf.Tensor3D {
  const projected = ctx.dropout(dense(ctx, `${prefix}.dense`, x), ctx.config.hidden_dropout_prob);
  return layerNormAt(ctx, `${prefix}.LayerNorm`, tf.add(projected, residual)) as tf.Tensor3D;
}

/** bert.encoder.layer.N: attention sub-block, then the GELU feed-forward sub-block. */
export function encoderLayer(ctx: ModuleContext, index: number, x: tf.Tensor3D, bias: tf.Tensor4D): tf.Tensor3D {
  const p = layerPrefix(index);
  const attended = residualOutput(ctx, `${p}.attention.output`, selfAttention(ctx, `${p}.attention.self`, x, bias), x);
  const intermediate = denseGelu(ctx, `${p}.intermediate.dense`, attended); // [B, T, I]
  return residualOutput(ctx, `${p}.output`, intermediate, attended); // [B, T, H]
}

/** bert.pooler: tanh(dense(hidden state of [CLS])). */
export function pooler(ctx: ModuleContext, hidden: tf.Tensor3D): tf.Tensor2D {
  const [B, , H] = hidden.shape;
  const cls = tf.reshape(tf.slice(hidden, [0, 0, 0], [B, 1, H]), [B, H]); // [B, T, H] -> [B, H]
  return tf.tanh(dense(ctx, 'bert.pooler.dense', cls)) as tf.Tensor2D;
}

/** bert: embeddings, every encoder layer, and the pooler when the store has one. */
export function encode(ctx: ModuleContext, inputs: ModelInputs): EncoderOutput {
  checkInputs(ctx.config, inputs);
  const bias = attentionBias(inputs.attentionMask);
  let hidden = embeddings(ctx, inputs);
  for (let i = 0; i < ctx.config.num_hidden_layers; i++) {
    const input = hidden;
    if (ctx.gradientCheckpointing) {
      const prefix = `${layerPrefix(i)}.`;
      const weights = ctx.params.names().filter((name) => name.startsWith(prefix)).map((name) => ctx.params.get(name));
      hidden = recomputedInBackward(ctx, weights, (c, x, b) => encoderLayer(c, i, x, b as tf.Tensor4D), input, bias);
    } else {
      // Each layer's intermediates go when it returns (what backpropagation needs, the tape keeps).
      hidden = tf.tidy(() => encoderLayer(ctx, i, input, bias));
    }
  }
  if (!ctx.params.has('bert.pooler.dense.weight')) return { lastHiddenState: hidden };
  return { lastHiddenState: hidden, poolerOutput: pooler(ctx, hidden) };
}

function checkInputs(config: BertConfig, inputs: ModelInputs): void {
  const shape = inputs.inputIds.shape;
  for (const [name, tensor] of [
    ['tokenTypeIds', inputs.tokenTypeIds],
    ['attentionMask', inputs.attentionMask],
  ] as const) {
    if (tensor.shape[0] !== shape[0] || tensor.shape[1] !== shape[1]) {
      throw new Error(`${name} has shape [${tensor.shape.join(', ')}] but inputIds has [${shape.join(', ')}]`);
    }
  }
  if (shape[1] > config.max_position_embeddings) {
    throw new Error(`sequence length ${shape[1]} exceeds max_position_embeddings ${config.max_position_embeddings}`);
  }
}
