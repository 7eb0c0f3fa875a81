// One training run, start to end, writing its run folder as it goes so that the folder is
// true at every moment (docs/DESIGN.md: runs are folders):
//
//   run.json       status running -> completed | cancelled | failed (with a one-line error),
//                  backend, progress, train_seconds, last_checkpoint, best_metric, final_metrics
//   metrics.jsonl  a row per logged optimizer step (Trainer's log_history keys) and per evaluation
//   evaluations/   the latest and the best evaluation's report and predictions (evaluation-files.ts)
//   checkpoints/step-N/  written only after the metrics up to step N are on disk
//   model/         the final Hugging Face folder, with the tokenizer files
//
// The service's worker process and `bert-workbench train` both run jobs through here.
// Events: see core/train/events.ts.
import path from 'node:path';
import os from 'node:os';
import { describeBackendFailure } from '../../core/backend/failures';
import { activeBackendLimits } from '../../core/backend/active-limits';
import { initNodeBackend } from '../../core/backend/node-backends';
import { describeChoice } from '../../core/backend/select';
import { saveHfModel } from '../../core/checkpoint/hf-folder-node';
import type { TokenizerFiles } from '../../core/checkpoint/hf-folder';
import { newestIntactCheckpoint, removeCheckpointsAfter, RunFolderCheckpoints, type CheckpointRef } from '../../core/train/checkpoint-node';
import { writeFolderAtomically } from '../../core/io/atomic-write-node';
import type { TrainerEvent, TrainerEventListener } from '../../core/train/events';
import { parseRunConfig, type RunConfig } from '../../core/train/run-config';
import { pretrainedEquivalent } from '../../core/hub/catalogue';
import type { DownloadProgress } from '../../core/hub/download-node';
import { resolveAgainst } from '../../core/train/run-config-node';
import type { CheckpointSink, TrainingCheckpoint } from '../../core/train/checkpoints';
import { Trainer, type TrainerEvaluation, type TrainResult } from '../../core/train/trainer';
import type { MetricsRow, RunRecord } from '../contract';
import { DistillationStopped, setUpDistillation } from './distillation-setup';
import { writeEvaluation } from './evaluation-files';
import { FINAL_MODEL_DIR, type RunStore } from './run-store';
import { cachedProbe, estimateRunTime } from './run-estimate';
import { checkRunFits } from './run-fits';
import { realLength } from '../../core/train/features';
import { setUpRun, type RunSetup } from './training-setup';

export interface TrainingJobOptions {
  store: RunStore;
  runId: string;
  /** Continue from the run's latest checkpoint (from the start when it has none yet). */
  resume?: boolean;
  onEvent?: TrainerEventListener;
  /** Checked before every micro-batch: true stops the run as cancelled, its last checkpoint intact. */
  shouldStop?: () => boolean;
}

/**
 * Runs the run's config to its end and returns the final run.json. Failures are recorded
 * (status failed, a one-line error) and returned, not thrown; only a run that cannot be
 * found, or a failure that run.json cannot take (a full disk), throws.
 */
export async function runTrainingJob(options: TrainingJobOptions): Promise<RunRecord> {
  const { store, runId } = options;
  const emit = options.onEvent ?? (() => {});
  const run = await store.get(runId);
  const runDir = store.dir(runId);
  const recorder = new RunRecorder(store, runId, emit);
  let setup: RunSetup | undefined;
  let backendName: string | undefined;
  try {
    await store.update(runId, { status: 'running', started_at: new Date().toISOString(), finished_at: undefined, error: undefined });
    emit({ type: 'status', status: 'starting' });
    const config = parseRunConfig(run.config, { resolvePath: resolveAgainst(runDir) });
    const choice = await initNodeBackend();
    backendName = choice.name;
    const backend = describeChoice(choice);
    await store.update(runId, { backend });
    emit({ type: 'status', status: 'running', backend, message: `backend: ${choice.name} (${choice.description})` });

    const skipDamaged = (damaged: CheckpointRef, problem: string) => emit({ type: 'log', level: 'warning', message: `${damaged.path} is damaged and is passed over: ${problem}` });
    const checkpoint = options.resume ? await newestIntactCheckpoint(runDir, skipDamaged) : undefined;
    if (options.resume) emit({ type: 'log', level: 'info', message: checkpoint ? `resuming from ${checkpoint.path}` : 'no intact checkpoint: starting from the beginning' });
    // Steps after the resume point are replayed, so their rows and checkpoints go.
    await store.truncateMetricsAfter(runId, checkpoint?.step ?? 0);
    await removeCheckpointsAfter(runDir, checkpoint?.step ?? 0);
    setup = await setUpRun(config, checkpoint && path.join(runDir, checkpoint.path), { onDownloadProgress: downloadLogger(emit) });
    if (setup.provenance) await store.update(runId, { weights_from: setup.provenance });
    for (const note of setup.notes) emit({ type: 'log', level: note.startsWith('weights: ') ? 'info' : 'warning', message: note });
    const random = randomWeightsWarning(config, setup);
    if (random) emit({ type: 'log', level: 'warning', message: random });
    // The label names, for pages that show ids (metrics, confusion matrix) before model/ exists.
    if (setup.labels) await store.update(runId, { labels: setup.labels });

    // Refuse before the first step what cannot fit this backend; switch gradient checkpointing on where that makes it fit.
    const longestExample = setup.train.reduce((longest, feature) => Math.max(longest, realLength(feature)), 0);
    const fits = checkRunFits(config, setup.model.config, activeBackendLimits(), os.freemem(), longestExample);
    if (!fits.fits) throw new Error(fits.message);
    for (const note of fits.notes) emit({ type: 'log', level: 'warning', message: note });
    const settings = { ...config.training, gradient_checkpointing: fits.gradientCheckpointing };

    const log = (message: string) => emit({ type: 'log', level: 'info', message });
    const distilled = config.distillation && (await setUpDistillation(config, config.distillation, setup, { runDir, log, ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}) }));
    for (const note of distilled ? distilled.notes : []) log(note);

    const onEvent = (event: TrainerEvent) => {
      recorder.record(event);
      emit(event);
    };
    const trainer = new Trainer({
      model: setup.model,
      train: distilled ? distilled.train : setup.train,
      ...(distilled ? { loss: distilled.loss } : {}),
      settings,
      checkpoints: recorder.checkpointsInto(new RunFolderCheckpoints(runDir, setup.tokenizerFiles, { saveTotalLimit: settings.save_total_limit })),
      onEvent,
      onEvaluation: (evaluation) => recorder.recordEvaluation(evaluation),
      ...(setup.evaluation ? { evaluation: setup.evaluation } : {}),
      ...(setup.maskTokens ? { maskTokens: setup.maskTokens } : {}),
      ...(setup.resume ? { resume: setup.resume } : {}),
      // A write that failed (disk full) ends the run at once: flush() below reports it.
      shouldStop: () => recorder.failed || (options.shouldStop?.() ?? false),
    });
    recorder.totalSteps = trainer.plan.totalSteps;
    const probe = await cachedProbe(store.root, choice.name);
    if (probe) {
      const estimate = estimateRunTime(probe, setup.model.config, setup.model.headName, setup.model.params.names().reduce((n, name) => n + setup!.model.params.get(name).size, 0), settings, setup.train, trainer.plan.totalSteps - trainer.globalStep);
      await store.update(runId, { estimate, progress: { step: trainer.globalStep, total_steps: trainer.plan.totalSteps, epoch: 0 } });
    }
    const result = await trainer.train();
    await recorder.flush();
    if (result.status === 'completed') await saveFinalModel(runDir, result, setup.tokenizerFiles);
    const final = await store.update(runId, finalRecord(result, checkpoint));
    emit({ type: 'status', status: result.status, message: outcome(result) });
    return final;
  } catch (error) {
    await recorder.flush().catch(() => {}); // the original error is the one to report
    const message = oneLine(backendName ? (describeBackendFailure(error, backendName)?.message ?? error) : error);
    // A stop during the teacher pass is a cancel like any other (what was computed is cached).
    const status = error instanceof DistillationStopped ? 'cancelled' : 'failed';
    try {
      const ended = await store.update(runId, { status, error: status === 'failed' ? message : undefined, finished_at: new Date().toISOString() });
      emit({ type: 'status', status, message });
      return ended;
    } catch (writeError) {
      // The disk is full: run.json cannot say it. The event is how the service learns why
      // (it keeps the verdict until the disk has room).
      emit({ type: 'status', status, message });
      throw writeError;
    }
  } finally {
    setup?.model.dispose();
  }
}

/** A fine-tuning run from random weights learns no language: said in the log, with what to pick instead. */
function randomWeightsWarning(config: RunConfig, setup: RunSetup): string | undefined {
  const from = setup.provenance;
  if (from?.source !== 'random' || config.task === 'mlm') return undefined;
  const twin = pretrainedEquivalent(from.preset);
  return `weights: random initialisation (${from.preset} preset, seed ${from.seed}), not a pretrained model: a ${config.task} run from random weights does not learn language from a small data set${twin ? `; fine-tune ${twin.name} (${twin.hubId}) instead` : ''}`;
}

/** A download the run has to make first, in the run log: a line at each tenth, not one per chunk. */
function downloadLogger(emit: TrainerEventListener): (progress: DownloadProgress) => void {
  let lastTenth = -1;
  return ({ overall, file, phase }) => {
    if (phase === 'done') emit({ type: 'log', level: 'info', message: `downloaded ${file}` });
    if (!overall.totalBytes || phase !== 'progress') return;
    const tenth = Math.floor((10 * overall.bytes) / overall.totalBytes);
    if (tenth === lastTenth) return;
    lastTenth = tenth;
    emit({ type: 'log', level: 'info', message: `downloading the model: ${(overall.bytes / 1e6).toFixed(1)} of ${(overall.totalBytes / 1e6).toFixed(1)} MB` });
  };
}

async function saveFinalModel(runDir: string, result: TrainResult, tokenizer: TokenizerFiles | undefined): Promise<void> {
  await writeFolderAtomically(path.join(runDir, FINAL_MODEL_DIR), (dir) => saveHfModel(dir, result.model, tokenizer));
}

function finalRecord(result: TrainResult, resumedFrom: CheckpointRef | undefined): Partial<RunRecord> {
  const record: Partial<RunRecord> = {
    status: result.status,
    finished_at: new Date().toISOString(),
    train_seconds: result.trainSeconds,
    progress: { step: result.globalStep, total_steps: result.totalSteps, epoch: result.epoch },
  };
  if (result.lastCheckpoint ?? resumedFrom) record.last_checkpoint = result.lastCheckpoint ?? resumedFrom;
  if (result.best) record.best_metric = { name: result.best.name, value: result.best.value, step: result.best.step };
  if (result.finalMetrics) record.final_metrics = result.finalMetrics;
  return record;
}

function outcome(result: TrainResult): string {
  if (result.status === 'cancelled') return `cancelled at step ${result.globalStep} of ${result.totalSteps}${result.lastCheckpoint ? `; the last checkpoint is ${result.lastCheckpoint.path}` : ''}`;
  return result.stoppedEarly ?? `completed ${result.globalStep} steps in ${result.trainSeconds.toFixed(1)} s`;
}

/** A person reads this in the run list: the message's lines joined, no stack. */
function oneLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n').map((line) => line.trim()).filter(Boolean).join('; ');
}

/** Progress in run.json is rewritten at most this often (ms); checkpoints and the end always write it. */
const PROGRESS_INTERVAL_MS = 1000;

/**
 * Writes the trainer's events into the run folder in order. The trainer emits them
 * synchronously; the writes queue up and run while it computes, and a checkpoint waits
 * for them, so that checkpoints/step-N never exists without the metrics up to step N.
 */
class RunRecorder {
  totalSteps = 0;
  private queue: Promise<void> = Promise.resolve();
  private failure: unknown;
  private lastProgressWrite = 0;
  private latest: { step: number; epoch: number; elapsed: number } | undefined;

  constructor(
    private readonly store: RunStore,
    private readonly runId: string,
    private readonly emit: TrainerEventListener,
  ) {}

  record(event: TrainerEvent): void {
    if (event.type === 'step') {
      const { step, epoch, loss, learning_rate, grad_norm, samples_per_second, elapsed_s } = event;
      this.latest = { step, epoch, elapsed: elapsed_s };
      this.append({ step, epoch, loss, learning_rate, grad_norm, samples_per_second, elapsed_s });
      if (Date.now() - this.lastProgressWrite >= PROGRESS_INTERVAL_MS) {
        this.lastProgressWrite = Date.now();
        this.enqueue(() => this.writeProgress());
      }
    } else if (event.type === 'eval') {
      this.append({ step: event.step, epoch: event.epoch, elapsed_s: event.elapsed_s, ...event.metrics });
    }
  }

  /** A write failed: nothing more is written (a later row would leave a gap), and the run should stop. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** The evaluation's report and predictions go to evaluations/last (and best), in order with the metrics. */
  recordEvaluation(evaluation: TrainerEvaluation): void {
    const { step, epoch, metrics, details, best } = evaluation;
    const stored = { step, epoch, metrics, ...details, created_at: new Date().toISOString() };
    const kinds: ('last' | 'best')[] = best ? ['last', 'best'] : ['last'];
    const runDir = this.store.dir(this.runId);
    this.enqueue(async () => {
      for (const kind of kinds) await writeEvaluation(runDir, kind, { kind, ...stored });
      this.emit({ type: 'evaluation', step, kinds });
    });
  }

  /** Waits for every queued write; rethrows the first that failed. */
  async flush(): Promise<void> {
    await this.queue;
    if (this.failure) throw this.failure;
  }

  /** The sink the trainer saves through: metrics on disk first, then the checkpoint, then run.json. */
  checkpointsInto(folder: RunFolderCheckpoints): CheckpointSink {
    return {
      save: async (checkpoint: TrainingCheckpoint) => {
        await this.flush();
        await this.store.syncMetrics(this.runId);
        const where = await folder.save(checkpoint);
        const { state } = checkpoint;
        const patch: Partial<RunRecord> = { last_checkpoint: { step: state.global_step, path: where }, train_seconds: state.train_seconds };
        if (state.best) patch.best_metric = { name: state.best.name, value: state.best.value, step: state.best.step };
        await this.writeProgress(patch);
        return where;
      },
      loadWeights: (step) => folder.loadWeights(step),
    };
  }

  private append(row: MetricsRow): void {
    this.enqueue(() => this.store.appendMetrics(this.runId, [row]));
  }

  private async writeProgress(patch: Partial<RunRecord> = {}): Promise<void> {
    const progress = this.latest ? { progress: { step: this.latest.step, total_steps: this.totalSteps, epoch: this.latest.epoch } } : {};
    await this.store.update(this.runId, { ...progress, ...patch });
  }

  private enqueue(write: () => Promise<void>): void {
    this.queue = this.queue
      .then(() => (this.failure === undefined ? write() : undefined))
      .catch((error: unknown) => {
        this.failure ??= error;
      });
  }
}
