// What a task head is: a thin module over the shared encoder that adds its own
// parameters (see layout.ts), its outputs, its loss and how to read a prediction.
import type * as tf from '../../tf';
import type { BertConfig } from '../config';
import type { EncoderOutput, ModelInputs, ModuleContext } from '../encoder';
import type { HeadName } from '../layout';

/** 'labels' | 'start_positions' + 'end_positions' | 'labels' + 'next_sentence_label', as Transformers names them. */
export type Labels = Record<string, tf.Tensor>;

/** One example's outputs as plain arrays, padding positions already cut off. */
export type RowOutputs = Record<string, number[] | number[][]>;

export interface RowInfo {
  config: BertConfig;
  /** token_type_ids of the example's real tokens. */
  tokenTypeIds: number[];
}

export interface TaskHead<TPrediction = unknown> {
  readonly name: HeadName;
  /** The Transformers class whose checkpoints this head reads and writes. */
  readonly architecture: string;
  /** Output names besides last_hidden_state and pooler_output. */
  readonly outputNames: readonly string[];
  /** Which output names hold one value per token (cut to the real length when decoding). */
  readonly perTokenOutputs: readonly string[];
  /** The label tensors `loss` reads; the optional ones may be left out. */
  readonly labelNames: readonly string[];
  readonly optionalLabelNames?: readonly string[];
  forward(ctx: ModuleContext, encoded: EncoderOutput): Record<string, tf.Tensor>;
  loss(outputs: Record<string, tf.Tensor>, labels: Labels, inputs: ModelInputs, config: BertConfig): tf.Scalar;
  /**
   * The same value as `loss(forward(...))` straight from the encoder output, computing only
   * what the loss reads (pre-training decodes the masked positions only). The model trains
   * through this when a head has it.
   */
  trainingLoss?(ctx: ModuleContext, encoded: EncoderOutput, labels: Labels): tf.Scalar;
  decode(row: RowOutputs, info: RowInfo): TPrediction;
}

export function requireLabel(labels: Labels, name: string, head: HeadName): tf.Tensor {
  const label = labels[name];
  if (!label) throw new Error(`the ${head} loss needs labels.${name}`);
  return label;
}

export function requirePooled(encoded: EncoderOutput, head: HeadName): tf.Tensor2D {
  if (!encoded.poolerOutput) throw new Error(`the ${head} head reads the pooled [CLS] output, but the model has no pooler`);
  return encoded.poolerOutput;
}

export function argmax(values: readonly number[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}

export function labelName(config: BertConfig, id: number): string {
  return config.id2label?.[String(id)] ?? `LABEL_${id}`;
}

export function softmax(values: readonly number[]): number[] {
  const max = Math.max(...values);
  const exps = values.map((v) => Math.exp(v - max));
  const sum = exps.reduce((a, b) => a + b, 0);
  return exps.map((e) => e / sum);
}
