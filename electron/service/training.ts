// Before a run starts: the settings' defaults and hints, the learning-rate curve the
// settings give, and whether the run fits in memory and how long it will take.
import os from 'node:os';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { configFromJson } from '../../core/checkpoint/hf-folder';
import { presetConfig, type BertConfig } from '../../core/model/config';
import { parameterShapes, headUsesPooler } from '../../core/model/layout';
import { estimateMemory } from '../../core/model/memory';
import { planParameters } from '../../core/train/parameter-groups';
import { parseRunConfig, RunConfigError, TASK_HEADS, TASK_TRAINING_DEFAULTS, type RunConfig } from '../../core/train/run-config';
import { learningRateCurve, resolveWarmupSteps } from '../../core/train/schedule';
import { DEFAULT_TRAINING_SETTINGS, TRAINING_SETTING_HINTS } from '../../core/train/settings';
import { distillationDefaults } from './distil';
import { planTrainingSteps } from '../../core/train/steps';
import type { RunEstimate, SchedulePreview, TrainingDefaults } from '../contract';
import { ServiceError } from './host';

/** Share of free memory a run may plan to use: the OS, the app and the allocator need the rest. */
const USABLE_MEMORY_SHARE = 0.85;

export function trainingDefaults(): TrainingDefaults {
  return { settings: { ...DEFAULT_TRAINING_SETTINGS }, hints: TRAINING_SETTING_HINTS, taskDefaults: { ...TASK_TRAINING_DEFAULTS }, distillation: distillationDefaults() };
}

/** Parses a run config from the UI; problems become one message naming every field. */
export function checkedRunConfig(input: Record<string, unknown>): RunConfig {
  try {
    return parseRunConfig(input);
  } catch (error) {
    if (error instanceof RunConfigError) throw new ServiceError(error.message);
    throw error;
  }
}

function stepPlan(config: RunConfig, numExamples: number) {
  const t = config.training;
  return planTrainingSteps({
    numExamples: Math.max(numExamples, 1),
    batchSize: t.batch_size,
    gradientAccumulationSteps: t.gradient_accumulation_steps,
    numTrainEpochs: t.num_train_epochs,
    maxSteps: t.max_steps,
  });
}

export function schedulePreview(input: Record<string, unknown>, numExamples: number): SchedulePreview {
  const config = checkedRunConfig(input);
  const { totalSteps } = stepPlan(config, numExamples);
  const t = config.training;
  const warmupSteps = resolveWarmupSteps(totalSteps, t);
  const learningRates = learningRateCurve({ type: t.lr_scheduler_type, baseLr: t.learning_rate, totalSteps, warmupSteps });
  return { total_steps: totalSteps, warmup_steps: warmupSteps, learning_rates: learningRates };
}

async function modelConfigOf(config: RunConfig): Promise<BertConfig> {
  if ('preset' in config.model) return presetConfig(config.model.preset);
  const file = path.join(config.model.checkpoint, 'config.json');
  try {
    return configFromJson(JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>);
  } catch (error) {
    throw new ServiceError(`cannot read the checkpoint's config (${file}): ${error instanceof Error ? error.message : String(error)}`);
  }
}

/** Seconds per optimizer step of this model shape, measured by an earlier run on this machine. */
export type StepTimer = (config: RunConfig) => Promise<number | undefined>;

export async function estimateRun(input: Record<string, unknown>, numExamples: number, measuredStepSeconds: StepTimer): Promise<RunEstimate> {
  const config = checkedRunConfig(input);
  const model = await modelConfigOf(config);
  const head = TASK_HEADS[config.task];
  const t = config.training;
  const names = [...parameterShapes(model, { pooler: headUsesPooler(head), head }).keys()];
  const plan = planParameters(names, { ...t, numLayers: model.num_hidden_layers });
  const seqLen = Math.min(t.max_seq_length, model.max_position_embeddings);
  const memory = estimateMemory(model, { batchSize: t.batch_size, seqLen, headName: head, trainable: [...plan.trainable.keys()] });
  const available = os.freemem();
  const fits = memory.total <= available * USABLE_MEMORY_SHARE;
  const { totalSteps } = stepPlan(config, numExamples);
  const warnings: string[] = [];
  if (!fits) {
    warnings.push(
      `needs about ${gib(memory.total)} but ${gib(available)} is free: lower batch_size (and raise gradient_accumulation_steps to keep the effective batch), max_seq_length, or freeze layers`,
    );
  }
  if (t.max_seq_length > model.max_position_embeddings) warnings.push(`max_seq_length ${t.max_seq_length} is more than the model's ${model.max_position_embeddings} positions`);
  const estimate: RunEstimate = {
    model: { layers: model.num_hidden_layers, hidden_size: model.hidden_size, heads: model.num_attention_heads, max_position_embeddings: model.max_position_embeddings },
    parameters: { total: memory.parameters, trainable: memory.trainableParameters },
    memory: { weights: memory.weights, gradients: memory.gradients, optimizer: memory.optimizerState, activations: memory.activations, total: memory.total },
    available_bytes: available,
    fits,
    total_steps: totalSteps,
    warnings,
  };
  const stepSeconds = await measuredStepSeconds(config);
  if (stepSeconds !== undefined) {
    estimate.seconds_per_step = stepSeconds;
    estimate.total_seconds = stepSeconds * totalSteps;
  } else {
    warnings.push('no run of this model shape has been measured on this machine yet: the time is known after the first steps');
  }
  return estimate;
}

function gib(bytes: number): string {
  return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
}
