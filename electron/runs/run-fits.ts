// The pre-flight check (core/train/preflight.ts) for a run config: the service asks it
// before queueing a run and for the Review step's estimate, the worker before the first
// step, against the limits of the backend the run trains on.
import path from 'node:path';
import type { BackendLimits } from '../../core/backend/limits';
import type { BertConfig } from '../../core/model/config';
import { headUsesPooler, parameterShapes } from '../../core/model/layout';
import { planParameters } from '../../core/train/parameter-groups';
import { preflight, type PreflightVerdict } from '../../core/train/preflight';
import { modelSourceName, TASK_HEADS, type RunConfig } from '../../core/train/run-config';

export function modelLabel(config: RunConfig): string {
  if ('checkpoint' in config.model) return `the model in ${path.basename(config.model.checkpoint)}`;
  return modelSourceName(config.model);
}

/** The config's sequence length as the model can take it. */
export function runSeqLen(config: RunConfig, model: BertConfig): number {
  return Math.min(config.training.max_seq_length, model.max_position_embeddings);
}

/** The names of the parameters the run trains (its freezing settings applied). */
export function trainableNames(config: RunConfig, model: BertConfig): string[] {
  const head = TASK_HEADS[config.task];
  const names = [...parameterShapes(model, { pooler: headUsesPooler(head), head }).keys()];
  return [...planParameters(names, { ...config.training, numLayers: model.num_hidden_layers }).trainable.keys()];
}

/**
 * The run's longest batch: batches are as long as their longest example (dynamic padding,
 * core/train/batching.ts), so the data's longest example, within the config's sequence
 * length. Sizing a run for max_seq_length when its data is far shorter (SST-2's longest
 * sentence is 66 tokens of 128) switched gradient checkpointing on where it fitted without.
 */
export function longestBatchLength(config: RunConfig, model: BertConfig, longestExample?: number): number {
  const seqLen = runSeqLen(config, model);
  return longestExample !== undefined && longestExample > 0 ? Math.min(seqLen, longestExample) : seqLen;
}

/** `longestExample`: the training data's longest example in tokens, where it is known (else max_seq_length is assumed). */
export function checkRunFits(config: RunConfig, model: BertConfig, limits: BackendLimits, freeMemoryBytes: number, longestExample?: number): PreflightVerdict {
  const t = config.training;
  return preflight({
    modelLabel: modelLabel(config),
    config: model,
    head: TASK_HEADS[config.task],
    batchSize: t.batch_size,
    seqLen: longestBatchLength(config, model, longestExample),
    gradientAccumulationSteps: t.gradient_accumulation_steps,
    gradientCheckpointing: t.gradient_checkpointing,
    trainable: trainableNames(config, model),
    ...(config.task === 'mlm' ? { maskedShare: t.mlm_probability } : {}),
    limits,
    freeMemoryBytes,
  });
}
