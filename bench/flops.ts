// Floating-point operations of one BERT step, counted from the matrix products of the
// model's shape (attention's two batched products included; the element-wise ops are
// noise next to them). What a step "costs", so that throughput reads as GFLOP/s and
// different presets and backends compare on one scale.
import type { BertConfig } from '../core/model/config';

export interface StepShape {
  batchSize: number;
  seqLen: number;
  /** Outputs of the classifier on the pooled [CLS] (the bench's sequence-classification head). */
  numLabels: number;
}

/** Multiply-adds count 2 FLOPs: an [m, k] x [k, n] product is 2·m·k·n. */
function matmul(m: number, k: number, n: number): number {
  return 2 * m * k * n;
}

/** One forward pass: encoder layers, pooler and classifier. */
export function forwardFlops(config: BertConfig, shape: StepShape): number {
  const { batchSize: B, seqLen: T, numLabels } = shape;
  const H = config.hidden_size;
  const I = config.intermediate_size;
  const A = config.num_attention_heads;
  const D = H / A;
  const tokens = B * T;
  const perLayer =
    3 * matmul(tokens, H, H) + // query, key, value
    B * A * matmul(T, D, T) + // scores Q·Kᵀ
    B * A * matmul(T, T, D) + // probabilities · V
    matmul(tokens, H, H) + // attention output
    matmul(tokens, H, I) + // intermediate
    matmul(tokens, I, H); // output
  return config.num_hidden_layers * perLayer + matmul(B, H, H) + matmul(B, H, numLabels);
}

/**
 * One training step. Every product of the forward pass has two in the backward pass
 * (the gradients of both operands), so a step is three forward passes; the optimizer's
 * element-wise update is not counted. (The common 6·parameters·tokens estimate counts
 * the embedding tables, which are lookups, and leaves out attention.)
 */
export function trainingFlops(config: BertConfig, shape: StepShape): number {
  return 3 * forwardFlops(config, shape);
}
