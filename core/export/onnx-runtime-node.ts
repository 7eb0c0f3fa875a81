// An exported ONNX model run by ONNX Runtime (onnxruntime-node, its CPU build), the way a
// deployment runs it: a padded int64 batch in, the head's outputs back as the core's
// per-example rows, per-token outputs cut to each example's length.
import * as ort from 'onnxruntime-node';
import type { BertConfig } from '../model/config';
import type { RowOutputs } from '../model/heads/task-head';
import type { HeadName } from '../model/layout';
import { padRows, type TokenizedExample } from '../model/prediction';
import { ONNX_INPUT_NAMES } from './onnx-export';
import { headFor } from '../model/heads/registry';
import { ONNX_HEADS } from './onnx-heads';

export interface OnnxSessionOptions {
  /** Threads for one operator (ONNX Runtime's default: one per core). */
  intraOpNumThreads?: number;
}

export type OnnxSession = ort.InferenceSession;

export function openOnnxSession(file: string, options: OnnxSessionOptions = {}): Promise<OnnxSession> {
  return ort.InferenceSession.create(file, { ...(options.intraOpNumThreads ? { intraOpNumThreads: options.intraOpNumThreads } : {}) });
}

/** int64 [B, T] feeds, padded as the app pads a batch (core/model/prediction.ts). */
export function onnxFeeds(examples: readonly TokenizedExample[], padTokenId: number): Record<(typeof ONNX_INPUT_NAMES)[number], ort.Tensor> {
  const rows = padRows(examples, padTokenId);
  const tensor = (values: number[][]) => new ort.Tensor('int64', BigInt64Array.from(values.flat(), BigInt), [examples.length, rows.length]);
  return { input_ids: tensor(rows.inputIds), attention_mask: tensor(rows.attentionMask), token_type_ids: tensor(rows.tokenTypeIds) };
}

/** [B, ...rest] flat data -> one nested array per example. */
function splitRows(tensor: ort.Tensor): unknown[] {
  const data = tensor.data as Float32Array;
  const dims = tensor.dims.map(Number);
  const nest = (offset: number, depth: number): unknown => {
    if (depth === dims.length) return data[offset]!;
    const stride = dims.slice(depth + 1).reduce((a, b) => a * b, 1);
    return Array.from({ length: dims[depth]! }, (_, i) => nest(offset + i * stride, depth + 1));
  };
  return nest(0, 0) as unknown[];
}

/** The graph's outputs for a batch, as rows keyed by the core's output names (per-token outputs cut to each example's length). */
export async function runOnnx(session: OnnxSession, head: HeadName, config: BertConfig, examples: readonly TokenizedExample[]): Promise<RowOutputs[]> {
  if (examples.length === 0) return [];
  const results = await session.run(onnxFeeds(examples, config.pad_token_id));
  const rows: RowOutputs[] = examples.map(() => ({}));
  const perToken = headFor(head).perTokenOutputs;
  for (const output of ONNX_HEADS[head].outputs(config)) {
    const tensor = results[output.name];
    if (!tensor) throw new Error(`the ONNX model has no output ${output.name}`);
    splitRows(tensor).forEach((value, b) => {
      const row = value as number[] | number[][];
      rows[b]![output.core] = perToken.includes(output.core) ? row.slice(0, examples[b]!.inputIds.length) : row;
    });
  }
  return rows;
}
