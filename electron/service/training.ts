// Before a run starts: the settings' defaults and hints, the learning-rate curve the
// settings give, and whether the run fits in memory and how long it will take.
import os from 'node:os';
import type { BertConfig } from '../../core/model/config';
import { modelConfigFor } from '../runs/model-source';
import { knownLimits, type BackendLimits } from '../../core/backend/limits';
import type { LengthBin } from '../../core/train/time-estimate';
import { estimateTrainingTime } from '../../core/train/run-time-estimate';
import { checkRunFits, runSeqLen } from '../runs/run-fits';
import type { RunsBackend } from './runs-backend';
import { parseRunConfig, RunConfigError, TASK_HEADS, TASK_TRAINING_DEFAULTS, type RunConfig } from '../../core/train/run-config';
import { resolveWarmupSteps, sampledLearningRateCurve } from '../../core/train/schedule';
import { DEFAULT_TRAINING_SETTINGS, TRAINING_SETTING_HINTS } from '../../core/train/settings';
import { distillationDefaults } from './distil';
import { planTrainingSteps } from '../../core/train/steps';
import { SCHEDULE_PREVIEW_POINTS, type RunEstimate, type SchedulePreview, type TrainingDefaults } from '../contract';
import { ServiceError } from './host';

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
  const points = sampledLearningRateCurve({ type: t.lr_scheduler_type, baseLr: t.learning_rate, totalSteps, warmupSteps }, SCHEDULE_PREVIEW_POINTS);
  return { total_steps: totalSteps, warmup_steps: warmupSteps, points };
}

export async function modelConfigOf(config: RunConfig): Promise<BertConfig> {
  try {
    return await modelConfigFor(config.model);
  } catch (error) {
    throw new ServiceError(error instanceof Error ? error.message : String(error));
  }
}

/** Seconds per optimizer step of this model shape, measured by an earlier run on this machine. */
export type StepTimer = (config: RunConfig) => Promise<number | undefined>;

/** How long an estimate waits for the first throughput probe (it usually takes a few seconds). */
const PROBE_WAIT_MS = 15_000;

export interface EstimateContext {
  /** The backend runs train on, with its limits and measured throughput (probed in a worker). */
  runsBackend: RunsBackend;
  measuredStepSeconds: StepTimer;
  /** The backend a task worker chose (the service loads none), for the limits while no probe is known. */
  serviceBackend: () => Promise<string | null>;
}

/** The limits of the backend runs will train on: the probe's, or what is known of the task workers' backend. */
async function runLimits(ctx: EstimateContext): Promise<BackendLimits> {
  const probed = await ctx.runsBackend.current();
  return probed?.limits ?? knownLimits((await ctx.serviceBackend()) ?? 'cpu');
}

/** Refuses a run that cannot fit the backend it would train on, with the pre-flight check's sentence. */
export async function assertRunFits(input: Record<string, unknown>, ctx: EstimateContext): Promise<void> {
  const config = checkedRunConfig(input);
  const verdict = checkRunFits(config, await modelConfigOf(config), await runLimits(ctx), os.freemem());
  if (!verdict.fits) throw new ServiceError(verdict.message);
}

export async function estimateRun(input: Record<string, unknown>, numExamples: number, lengthHistogram: readonly LengthBin[] | undefined, ctx: EstimateContext): Promise<RunEstimate> {
  const config = checkedRunConfig(input);
  const model = await modelConfigOf(config);
  const t = config.training;
  const probe = await ctx.runsBackend.probeWithin(PROBE_WAIT_MS);
  const limits = probe?.limits ?? (await runLimits(ctx));
  const available = os.freemem();
  const longestExample = lengthHistogram?.reduce((longest, bin) => (bin.count > 0 ? Math.max(longest, bin.to - 1) : longest), 0);
  const verdict = checkRunFits(config, model, limits, available, longestExample);
  const memory = verdict.memory;
  const { totalSteps } = stepPlan(config, numExamples);
  const warnings: string[] = verdict.fits ? [...verdict.notes] : [verdict.message];
  if (t.max_seq_length > model.max_position_embeddings) warnings.push(`max_seq_length ${t.max_seq_length} is more than the model's ${model.max_position_embeddings} positions`);
  const gradientCheckpointing = verdict.fits ? verdict.gradientCheckpointing : t.gradient_checkpointing;
  const estimate: RunEstimate = {
    model: { layers: model.num_hidden_layers, hidden_size: model.hidden_size, heads: model.num_attention_heads, max_position_embeddings: model.max_position_embeddings },
    parameters: { total: memory.parameters, trainable: memory.trainableParameters },
    memory: { weights: memory.weights, gradients: memory.gradients, optimizer: memory.optimizerState, activations: memory.activations, runtime: memory.runtime, total: memory.total },
    available_bytes: available,
    fits: verdict.fits,
    gradient_checkpointing: gradientCheckpointing,
    backend: limits.backend,
    total_steps: totalSteps,
    warnings,
  };
  const measured = await ctx.measuredStepSeconds(config);
  const probed = probe && estimateTrainingTime(model, { batchSize: t.batch_size, seqLen: runSeqLen(config, model), head: TASK_HEADS[config.task], gradientCheckpointing }, probe.throughput, memory.parameters, lengthHistogram);
  const stepSeconds = measured ?? (probed ? t.gradient_accumulation_steps * probed.secondsPerStep : undefined);
  if (stepSeconds !== undefined) {
    estimate.seconds_per_step = stepSeconds;
    // The first step's fresh memory: neither a measured run's median step nor the probe's step has it.
    estimate.total_seconds = stepSeconds * totalSteps + (probed ? probed.firstStepSeconds : 0);
    estimate.time_source = measured !== undefined ? 'measured run' : 'throughput probe';
  } else {
    warnings.push(ctx.runsBackend.probing ? "the time appears once this machine's speed is measured (a few seconds; change any setting to refresh)" : 'the time is known once this machine has been measured (after the run that is training now)');
  }
  return estimate;
}
