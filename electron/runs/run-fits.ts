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

export function checkRunFits(config: RunConfig, model: BertConfig, limits: BackendLimits, freeMemoryBytes: number): PreflightVerdict {
  const t = config.training;
  return preflight({
    modelLabel: modelLabel(config),
    config: model,
    head: TASK_HEADS[config.task],
    batchSize: t.batch_size,
    seqLen: runSeqLen(config, model),
    gradientAccumulationSteps: t.gradient_accumulation_steps,
    gradientCheckpointing: t.gradient_checkpointing,
    trainable: trainableNames(config, model),
    ...(config.task === 'mlm' ? { maskedShare: t.mlm_probability } : {}),
    limits,
    freeMemoryBytes,
  });
}
