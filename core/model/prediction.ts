// Prediction on tokenized examples: pad a batch to its longest example, run the model
// without dropout, and give each example its raw outputs and the head's decoded prediction.
import * as tf from '../tf';
import type { BertConfig } from './config';
import type { ModelInputs } from './encoder';
import type { Prediction } from './heads/registry';
import type { RowOutputs } from './heads/task-head';
import type { BertModel } from './model';

/** One example as a tokenizer gives it; type ids default to 0 and the mask to 1 (every token real). */
export interface TokenizedExample {
  inputIds: number[];
  tokenTypeIds?: number[];
  attentionMask?: number[];
}

export interface ExamplePrediction {
  /** The head's outputs for this example; per-token outputs cut to its own length. */
  outputs: RowOutputs;
  prediction: Prediction;
}

/** Why the model cannot take this example, or undefined when it can. */
export function exampleProblem(example: TokenizedExample, config: BertConfig): string | undefined {
  const length = example.inputIds.length;
  if (length === 0) return 'input_ids is empty';
  if (length > config.max_position_embeddings) return `${length} tokens exceed max_position_embeddings ${config.max_position_embeddings}`;
  const badId = example.inputIds.find((id) => id < 0 || id >= config.vocab_size);
  if (badId !== undefined) return `input_ids contains ${badId}, outside the vocabulary of ${config.vocab_size}`;
  for (const [name, values, limit] of [
    ['token_type_ids', example.tokenTypeIds, config.type_vocab_size],
    ['attention_mask', example.attentionMask, 2],
  ] as const) {
    if (values === undefined) continue;
    if (values.length !== length) return `${name} has ${values.length} entries but input_ids has ${length}`;
    const bad = values.find((v) => v < 0 || v >= limit);
    if (bad !== undefined) return `${name} contains ${bad}, expected 0..${limit - 1}`;
  }
  return undefined;
}

export interface PaddedRows {
  /** T, the longest example's length. */
  length: number;
  inputIds: number[][];
  tokenTypeIds: number[][];
  attentionMask: number[][];
}

/** [B][T] rows, T the longest example; padding gets pad_token_id, type 0 and mask 0. */
export function padRows(examples: readonly TokenizedExample[], padTokenId: number): PaddedRows {
  const T = Math.max(...examples.map((e) => e.inputIds.length));
  const pad = (values: readonly number[], fill: number) => [...values, ...new Array<number>(T - values.length).fill(fill)];
  return {
    length: T,
    inputIds: examples.map((e) => pad(e.inputIds, padTokenId)),
    tokenTypeIds: examples.map((e) => pad(e.tokenTypeIds ?? e.inputIds.map(() => 0), 0)),
    attentionMask: examples.map((e) => pad(e.attentionMask ?? e.inputIds.map(() => 1), 0)),
  };
}

/** padRows as int32 [B, T] tensors. The caller disposes them. */
export function padBatch(examples: readonly TokenizedExample[], padTokenId: number): ModelInputs {
  const rows = padRows(examples, padTokenId);
  const tensor = (values: number[][]) => tf.tensor2d(values, [examples.length, rows.length], 'int32');
  return { inputIds: tensor(rows.inputIds), tokenTypeIds: tensor(rows.tokenTypeIds), attentionMask: tensor(rows.attentionMask) };
}

/** Predictions for one batch of valid examples (see exampleProblem), in order. */
export async function predictBatch(model: BertModel, examples: readonly TokenizedExample[]): Promise<ExamplePrediction[]> {
  const inputs = padBatch(examples, model.config.pad_token_id);
  const outputs = model.forward(inputs, { training: false });
  try {
    const arrays = new Map<string, unknown[]>();
    for (const name of model.head.outputNames) arrays.set(name, (await outputs[name]!.array()) as unknown[]);
    return examples.map((example, b) => {
      const length = example.inputIds.length;
      const row: RowOutputs = {};
      for (const [name, values] of arrays) {
        const value = values[b] as number[] | number[][];
        row[name] = model.head.perTokenOutputs.includes(name) ? value.slice(0, length) : value;
      }
      const info = { config: model.config, tokenTypeIds: example.tokenTypeIds ?? example.inputIds.map(() => 0) };
      return { outputs: row, prediction: model.head.decode(row, info) as Prediction };
    });
  } finally {
    tf.dispose([...Object.values(outputs), inputs.inputIds, inputs.tokenTypeIds, inputs.attentionMask]);
  }
}
