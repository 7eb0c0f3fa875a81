// BERT's encoder as an ONNX graph, module by module as core/model/encoder.ts computes it
// (bert.embeddings, bert.encoder.layer.N.{attention.self, attention.output, intermediate,
// output}, bert.pooler), reading the weights by the same state-dict names. The sizes come
// from the model's config, the names from core/model/layout.ts; the parity check after
// every export holds this walk to the core's numbers.
//
// Initializers keep the Hugging Face names and layouts ([out, in] for dense weights): a
// Transpose node turns a weight into MatMul's [in, out], and ONNX Runtime folds it into
// the constant when it loads the model.
//
// Shapes: B batch, T sequence length (both dynamic), H hidden, A heads, D = H / A.
import type { BertConfig } from '../model/config';
import { MASKED_SCORE } from '../model/encoder';
import { layerPrefix } from '../model/layout';
import { ElementType, type OnnxGraph } from './onnx-graph';
import { quantizeRows } from './onnx-quantize';

/** A weight as read from the parameter store: its state-dict shape and values. */
export interface NamedArray {
  shape: readonly number[];
  values: Float32Array;
}

export type WeightPrecision = 'float32' | 'int8';

/** The graph being built, the model's config and weights, and how dense layers are stored. */
export class OnnxContext {
  /** The state-dict names the graph has read. */
  readonly used = new Set<string>();
  private readonly quantizedTables = new Map<string, { values: string; scales: string }>();

  constructor(
    readonly graph: OnnxGraph,
    readonly config: BertConfig,
    private readonly weights: ReadonlyMap<string, NamedArray>,
    readonly precision: WeightPrecision,
  ) {}

  private weight(name: string): NamedArray {
    const weight = this.weights.get(name);
    if (!weight) throw new Error(`the ONNX graph reads ${name}, which the model does not have`);
    this.used.add(name);
    return weight;
  }

  /** The float32 initializer of a parameter, under its state-dict name. */
  param(name: string): string {
    const weight = this.weight(name);
    if (!this.graph.has(name)) this.graph.initializer(name, { type: 'float', dims: weight.shape, values: weight.values });
    return name;
  }

  /** int8 rows and per-row scales of a [rows, cols] parameter, as quantize_dynamic names them. */
  private quantized(name: string): { values: string; scales: string } {
    const seen = this.quantizedTables.get(name);
    if (seen) return seen;
    const weight = this.weight(name);
    const [rows, cols] = weight.shape as [number, number];
    const q = quantizeRows(weight.values, rows, cols);
    const table = {
      values: this.graph.initializer(`${name}_quantized`, { type: 'int8', dims: [rows, cols], values: q.values }),
      scales: this.graph.initializer(`${name}_scale`, { type: 'float', dims: [rows], values: q.scales }),
    };
    this.quantizedTables.set(name, table);
    return table;
  }

  /** torch.nn.Linear with weight [out, in] (a state-dict name) on x [..., in] -> [..., out], plus `bias` when given. */
  linear(x: string, weightName: string, biasName?: string): string {
    const g = this.graph;
    let y: string;
    if (this.precision === 'float32') {
      y = g.op('MatMul', [x, g.op('Transpose', [this.param(weightName)], { perm: [1, 0] })]); // [in, out]
    } else {
      // quantize_dynamic's MatMul: x to uint8 at run time, an integer product, both scales.
      const w = this.quantized(weightName);
      const [xq, xScale, xZero] = g.opMulti('DynamicQuantizeLinear', [x], 3);
      const product = g.op('MatMulInteger', [xq!, g.op('Transpose', [w.values], { perm: [1, 0] }), xZero!]); // int32 [..., out]
      y = g.op('Mul', [g.op('Cast', [product], { to: ElementType.float }), g.op('Mul', [xScale!, w.scales])]);
    }
    return biasName === undefined ? y : g.op('Add', [y, this.param(biasName)]);
  }

  /** A dense layer at a checkpoint path: `${prefix}.weight`, `${prefix}.bias`. */
  dense(prefix: string, x: string): string {
    return this.linear(x, `${prefix}.weight`, `${prefix}.bias`);
  }

  /** Rows of the table [V, H] at integer ids [...] -> [..., H]. */
  embedding(tableName: string, ids: string): string {
    const g = this.graph;
    if (this.precision === 'float32' || !isQuantizedTable(tableName)) return g.op('Gather', [this.param(tableName), ids], { axis: 0 });
    const table = this.quantized(tableName);
    const rows = g.op('Cast', [g.op('Gather', [table.values, ids], { axis: 0 })], { to: ElementType.float }); // [..., H]
    const scales = g.op('Unsqueeze', [g.op('Gather', [table.scales, ids], { axis: 0 }), g.int64s([-1])]); // [..., 1]
    return g.op('Mul', [rows, scales]);
  }

  layerNorm(prefix: string, x: string): string {
    return this.graph.op('LayerNormalization', [x, this.param(`${prefix}.weight`), this.param(`${prefix}.bias`)], { axis: -1, epsilon: { float: this.config.layer_norm_eps } });
  }
}

/** The word-embedding table is most of a small BERT's weights; the position and type tables are small and stay float. */
function isQuantizedTable(name: string): boolean {
  return name === 'bert.embeddings.word_embeddings.weight';
}

/** The graph's int64 [B, T] inputs, named as Transformers' tokenizers return them. */
export interface OnnxInputs {
  inputIds: string;
  attentionMask: string;
  tokenTypeIds: string;
}

export interface OnnxEncoded {
  lastHiddenState: string; // [B, T, H]
  poolerOutput?: string; // [B, H]
}

/** GELU in its exact form, x/2 · (1 + erf(x/√2)), as core/model/nn.ts. */
export function gelu(g: OnnxGraph, x: string): string {
  const erf = g.op('Erf', [g.op('Mul', [x, g.scalar(Math.SQRT1_2)])]);
  return g.op('Mul', [g.op('Mul', [x, g.scalar(0.5)]), g.op('Add', [erf, g.scalar(1)])]);
}

/** bert.embeddings: word + position + token type, LayerNorm (dropout is the identity at inference). */
export function embeddings(ctx: OnnxContext, inputs: OnnxInputs): string {
  const g = ctx.graph;
  const p = 'bert.embeddings';
  const words = ctx.embedding(`${p}.word_embeddings.weight`, inputs.inputIds); // [B, T, H]
  const length = g.op('Shape', [inputs.inputIds], { start: 1, end: 2 }); // [T]
  const positions = g.op('Slice', [ctx.param(`${p}.position_embeddings.weight`), g.int64s([0]), length, g.int64s([0])]); // [T, H], broadcast over B
  const types = ctx.embedding(`${p}.token_type_embeddings.weight`, inputs.tokenTypeIds); // [B, T, H]
  return ctx.layerNorm(`${p}.LayerNorm`, g.op('Add', [g.op('Add', [words, positions]), types]));
}

/** 0 where a key may be attended to, MASKED_SCORE at padding: [B, T] -> [B, 1, 1, T]. */
export function attentionBias(g: OnnxGraph, attentionMask: string): string {
  const blocked = g.op('Sub', [g.scalar(1), g.op('Cast', [attentionMask], { to: ElementType.float })]); // 1 at padding
  return g.op('Unsqueeze', [g.op('Mul', [blocked, g.scalar(MASKED_SCORE)]), g.int64s([1, 2])]);
}

/** [B, T, H] -> [B, A, T, D], or [B, A, D, T] with `keysFirst` (Kᵀ, ready for Q·Kᵀ). */
function splitHeads(ctx: OnnxContext, x: string, keysFirst = false): string {
  const A = ctx.config.num_attention_heads;
  const D = ctx.config.hidden_size / A;
  const heads = ctx.graph.op('Reshape', [x, ctx.graph.int64s([0, 0, A, D])]); // [B, T, A, D]
  return ctx.graph.op('Transpose', [heads], { perm: keysFirst ? [0, 2, 3, 1] : [0, 2, 1, 3] });
}

/** [B, A, T, D] -> [B, T, H] */
function mergeHeads(ctx: OnnxContext, x: string): string {
  const g = ctx.graph;
  return g.op('Reshape', [g.op('Transpose', [x], { perm: [0, 2, 1, 3] }), g.int64s([0, 0, ctx.config.hidden_size])]);
}

/** attention.self: softmax(Q·Kᵀ/√D + bias)·V per head. */
export function selfAttention(ctx: OnnxContext, prefix: string, x: string, bias: string): string {
  const g = ctx.graph;
  const D = ctx.config.hidden_size / ctx.config.num_attention_heads;
  const q = splitHeads(ctx, ctx.dense(`${prefix}.query`, x)); // [B, A, T, D]
  const kT = splitHeads(ctx, ctx.dense(`${prefix}.key`, x), true); // [B, A, D, T]
  const v = splitHeads(ctx, ctx.dense(`${prefix}.value`, x)); // [B, A, T, D]
  const scores = g.op('Add', [g.op('Div', [g.op('MatMul', [q, kT]), g.scalar(Math.sqrt(D))]), bias]); // [B, A, T, T]
  const probs = g.op('Softmax', [scores], { axis: -1 });
  return mergeHeads(ctx, g.op('MatMul', [probs, v])); // [B, A, T, D] -> [B, T, H]
}

/** attention.output and output: project, add the residual, LayerNorm. */
export function residualOutput(ctx: OnnxContext, prefix: string, x: string, residual: string): string {
  return ctx.layerNorm(`${prefix}.LayerNorm`, ctx.graph.op('Add', [ctx.dense(`${prefix}.dense`, x), residual]));
}

/** bert.encoder.layer.N: attention sub-block, then the GELU feed-forward sub-block. */
export function encoderLayer(ctx: OnnxContext, index: number, x: string, bias: string): string {
  const p = layerPrefix(index);
  const attended = residualOutput(ctx, `${p}.attention.output`, selfAttention(ctx, `${p}.attention.self`, x, bias), x);
  const intermediate = gelu(ctx.graph, ctx.dense(`${p}.intermediate.dense`, attended)); // [B, T, I]
  return residualOutput(ctx, `${p}.output`, intermediate, attended); // [B, T, H]
}

/** bert.pooler: tanh(dense(hidden state of [CLS])). */
export function pooler(ctx: OnnxContext, hidden: string): string {
  const cls = ctx.graph.op('Gather', [hidden, ctx.graph.constant('cls', 'int64', [], [0])], { axis: 1 }); // [B, T, H] -> [B, H]
  return ctx.graph.op('Tanh', [ctx.dense('bert.pooler.dense', cls)]);
}

/** bert: embeddings, every encoder layer, and the pooler when the head reads it. */
export function encode(ctx: OnnxContext, inputs: OnnxInputs, withPooler: boolean): OnnxEncoded {
  const bias = attentionBias(ctx.graph, inputs.attentionMask);
  let hidden = embeddings(ctx, inputs);
  for (let i = 0; i < ctx.config.num_hidden_layers; i++) hidden = encoderLayer(ctx, i, hidden, bias);
  return withPooler ? { lastHiddenState: hidden, poolerOutput: pooler(ctx, hidden) } : { lastHiddenState: hidden };
}
