// Before a run starts: does it fit the backend it will train on? WebAssembly's heap
// stops at 4 GiB, a WebGPU device refuses a tensor above its maxStorageBufferBindingSize,
// and no backend can use memory the machine does not have free. A run that does not fit
// as configured but fits with gradient checkpointing gets it switched on (and says so); a
// run that fits neither way is refused with a sentence naming the limit and what to change.
// The service checks before it queues a run, the worker again before the first step.
import type { BackendLimits } from '../backend/limits';
import type { BertConfig } from '../model/config';
import type { HeadName } from '../model/layout';
import { estimateMemory, type MemoryEstimate } from '../model/memory';

/** Share of free memory a run may plan to use: the OS, the app and the allocator need the rest. */
export const USABLE_MEMORY_SHARE = 0.85;

export interface PreflightInput {
  /** How the person calls the model, e.g. "bert-base" or "the checkpoint's model". */
  modelLabel: string;
  config: BertConfig;
  head: HeadName;
  batchSize: number;
  seqLen: number;
  gradientAccumulationSteps: number;
  gradientCheckpointing: boolean;
  /** Names of the parameters that train. */
  trainable: readonly string[];
  /** Pre-training: the share of positions the MLM decoder runs at (mlm_probability). */
  maskedShare?: number;
  limits: BackendLimits;
  freeMemoryBytes: number;
}

export type PreflightVerdict =
  | { fits: true; gradientCheckpointing: boolean; memory: MemoryEstimate; notes: string[] }
  | { fits: false; memory: MemoryEstimate; message: string };

export class PreflightError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreflightError';
  }
}

/** 6.2 GiB, or 125 MiB below one GiB. */
export function gib(bytes: number): string {
  return bytes >= 2 ** 30 ? `${(bytes / 2 ** 30).toFixed(1)} GiB` : `${Math.round(bytes / 2 ** 20)} MiB`;
}

/** The largest single tensor of a training step: the word embeddings, attention probabilities, the FFN activation or MLM logits (at the masked positions). */
export function largestTensorBytes(config: BertConfig, head: HeadName, batchSize: number, seqLen: number, maskedShare = 1): number {
  const { vocab_size: V, hidden_size: H, intermediate_size: I, num_attention_heads: A } = config;
  const floats = [V * H, batchSize * A * seqLen * seqLen, batchSize * seqLen * I, head === 'pretraining' ? Math.ceil(maskedShare * batchSize * seqLen) * V : 0];
  return 4 * Math.max(...floats);
}

interface Capacity {
  /** Bytes the estimate is compared with. */
  needed: (memory: MemoryEstimate) => number;
  bytes: number;
  /** "the wasm backend's 4 GiB heap (WebAssembly memory stops there)" */
  what: string;
}

function capacities(input: PreflightInput): Capacity[] {
  const { limits, freeMemoryBytes } = input;
  const list: Capacity[] = [{ needed: (m) => m.total, bytes: freeMemoryBytes * USABLE_MEMORY_SHARE, what: `the ${gib(freeMemoryBytes)} of memory free on this machine` }];
  if (limits.heapBytes !== undefined) {
    list.push({ needed: (m) => m.tensors, bytes: limits.heapBytes, what: `the ${limits.backend} backend's ${gib(limits.heapBytes)} heap (WebAssembly memory stops there)` });
  }
  return list;
}

function estimate(input: PreflightInput, batchSize: number, gradientCheckpointing: boolean): MemoryEstimate {
  return estimateMemory(input.config, { batchSize, seqLen: input.seqLen, headName: input.head, trainable: input.trainable, gradientCheckpointing, backend: input.limits.backend, ...(input.maskedShare !== undefined ? { maskedShare: input.maskedShare } : {}) });
}

function firstExceeded(input: PreflightInput, memory: MemoryEstimate): Capacity | undefined {
  return capacities(input).find((capacity) => capacity.needed(memory) > capacity.bytes);
}

export function preflight(input: PreflightInput): PreflightVerdict {
  const { limits, config, head, batchSize, seqLen, modelLabel } = input;
  const shape = `${modelLabel} at batch ${batchSize} × ${seqLen} tokens`;
  if (limits.tensorBytes !== undefined) {
    const largest = largestTensorBytes(config, head, batchSize, seqLen, input.maskedShare);
    if (largest > limits.tensorBytes) {
      const memory = estimate(input, batchSize, input.gradientCheckpointing);
      return { fits: false, memory, message: `${shape} needs a ${gib(largest)} tensor, more than the ${limits.backend} device allows in one buffer (maxStorageBufferBindingSize ${gib(limits.tensorBytes)}): lower batch_size or max_seq_length, or train on a CPU backend (WORKBENCH_BACKEND=native-cpu)` };
    }
  }
  const asConfigured = estimate(input, batchSize, input.gradientCheckpointing);
  const exceeded = firstExceeded(input, asConfigured);
  if (!exceeded) return { fits: true, gradientCheckpointing: input.gradientCheckpointing, memory: asConfigured, notes: [] };
  if (!input.gradientCheckpointing) {
    const recomputed = estimate(input, batchSize, true);
    if (!firstExceeded(input, recomputed)) {
      const note = `gradient_checkpointing is on for this run: without it ${shape} needs about ${gib(exceeded.needed(asConfigured))}, more than ${exceeded.what}; with it ${gib(exceeded.needed(recomputed))}`;
      return { fits: true, gradientCheckpointing: true, memory: recomputed, notes: [note] };
    }
  }
  const best = estimate(input, batchSize, true);
  const limit = firstExceeded(input, best) ?? exceeded;
  return { fits: false, memory: asConfigured, message: `${shape} needs about ${gib(limit.needed(best))} even with gradient checkpointing, more than ${limit.what}: ${remedy(input, limit)}` };
}

/** What to change: a smaller batch with more accumulation when that fits, else freezing or another backend. */
function remedy(input: PreflightInput, limit: Capacity): string {
  const otherBackend = input.limits.heapBytes !== undefined ? ', or build the native CPU backend (npm run build:native), which has no heap limit' : '';
  for (let b = Math.floor(input.batchSize / 2); b >= 1; b = Math.floor(b / 2)) {
    if (limit.needed(estimate(input, b, true)) <= limit.bytes) {
      const accumulation = Math.ceil((input.batchSize * input.gradientAccumulationSteps) / b);
      return `set batch_size ${b} with gradient_accumulation_steps ${accumulation} (about the same effective batch), lower max_seq_length${otherBackend}`;
    }
    if (b === 1) break;
  }
  const fixed = estimate(input, 1, true);
  return `its weights, gradients and AdamW state alone take ${gib(fixed.weights + fixed.gradients + fixed.optimizerState)}: train fewer layers (train_head_only, freeze_layers) or pick a smaller model${otherBackend}`;
}
