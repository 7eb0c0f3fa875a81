// How fast a finished model answers on this machine: the median wall time of a forward
// pass (inputs in, the head's outputs read back) at batch 1 and batch 8, for several models
// measured in one process and interleaved round by round, so that whatever else the
// machine does slows them alike and the ratio between them stays fair. Also the model's
// parameter count and its folder's size on disk.
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { initNodeBackend } from '../../core/backend/node-backends';
import { loadHfModel } from '../../core/checkpoint/hf-folder-node';
import type { BertModel } from '../../core/model/model';
import { padBatch } from '../../core/model/prediction';
import * as tf from '../../core/tf';
import type { LatencyReport, ModelLatency } from '../contract';
import { spreadOf } from '../../core/metrics/spread';

export const LATENCY_BATCH_SIZES = [1, 8] as const;

export interface LatencyRequest {
  models: { id: string; dir: string }[];
  /** Tokens per input (every position real). */
  seqLen: number;
  /** Timed rounds (each times every model at every batch size once); fewer when `budgetSeconds` runs out. */
  rounds?: number;
  budgetSeconds?: number;
}

const DEFAULT_ROUNDS = 7;
const MIN_ROUNDS = 3;
const DEFAULT_BUDGET_SECONDS = 90;

export async function measureLatency(request: LatencyRequest): Promise<Omit<LatencyReport, 'disturbed'>> {
  const backend = await initNodeBackend();
  const loaded: { id: string; model: BertModel; sizeBytes: number }[] = [];
  try {
    for (const { id, dir } of request.models) loaded.push({ id, model: (await loadHfModel(dir)).model, sizeBytes: await folderBytes(dir) });
    const seqLen = Math.min(request.seqLen, ...loaded.map(({ model }) => model.config.max_position_embeddings));
    const times = loaded.map(() => LATENCY_BATCH_SIZES.map(() => [] as number[]));
    // One untimed pass each: kernels compile, buffers are allocated.
    for (const { model } of loaded) for (const batch of LATENCY_BATCH_SIZES) await timeForward(model, batch, seqLen);
    const started = performance.now();
    const budget = (request.budgetSeconds ?? DEFAULT_BUDGET_SECONDS) * 1000;
    let rounds = 0;
    while (rounds < (request.rounds ?? DEFAULT_ROUNDS) && (rounds < MIN_ROUNDS || performance.now() - started < budget)) {
      for (const [m, { model }] of loaded.entries()) {
        for (const [b, batch] of LATENCY_BATCH_SIZES.entries()) times[m]![b]!.push(await timeForward(model, batch, seqLen));
      }
      rounds += 1;
    }
    const models = loaded.map(({ id, model, sizeBytes }, m): ModelLatency => {
      const [one, eight] = times[m]!.map(summarise) as [Summary, Summary];
      return { id, parameters: parameterCount(model), size_bytes: sizeBytes, latency_ms: { batch_1: one.median, batch_8: eight.median }, spread_ms: { batch_1: one.spread, batch_8: eight.spread } };
    });
    return { backend: backend.name, seq_len: seqLen, rounds, models, measured_at: new Date().toISOString() };
  } finally {
    for (const { model } of loaded) model.dispose();
  }
}

/** Milliseconds from the inputs to the head's outputs read back. */
async function timeForward(model: BertModel, batch: number, seqLen: number): Promise<number> {
  const vocab = model.config.vocab_size;
  // Ordinary word-piece ids (above the special tokens), the same for every model of a vocabulary size.
  const low = Math.min(1000, Math.floor(vocab / 2));
  const ids = Array.from({ length: seqLen }, (_, t) => low + ((t * 7919) % (vocab - low)));
  const inputs = padBatch(Array.from({ length: batch }, () => ({ inputIds: ids })), model.config.pad_token_id);
  const started = performance.now();
  const outputs = model.forward(inputs, { training: false });
  try {
    for (const name of model.head.outputNames) await outputs[name]!.data();
    return performance.now() - started;
  } finally {
    tf.dispose([...Object.values(outputs), inputs.inputIds, inputs.tokenTypeIds, inputs.attentionMask]);
  }
}

interface Summary {
  median: number;
  /** [fastest, slowest]. */
  spread: [number, number];
}

function summarise(values: number[]): Summary {
  const { median, min, max } = spreadOf(values);
  return { median, spread: [min, max] };
}

function parameterCount(model: BertModel): number {
  return model.params.entries().reduce((sum, [, variable]) => sum + variable.size, 0);
}

/** Bytes of the files in the model folder (weights, config, tokenizer): what shipping it takes. */
async function folderBytes(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    total += entry.isDirectory() ? await folderBytes(file) : (await stat(file)).size;
  }
  return total;
}
