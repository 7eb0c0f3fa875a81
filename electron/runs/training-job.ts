// One training run, start to end, writing its run folder as it goes so that the folder is
// true at every moment (DESIGN.md: runs are folders):
//
//   run.json       status running -> completed | cancelled | failed (with a one-line error),
//                  backend, progress, train_seconds, last_checkpoint, best_metric, final_metrics
//   metrics.jsonl  a row per logged optimizer step (Trainer's log_history keys) and per evaluation
//   checkpoints/step-N/  written only after the metrics up to step N are on disk
//   model/         the final Hugging Face folder, with the tokenizer files
//
// The service's worker process and `bert-workbench train` both run jobs through here.
// Events: see core/train/events.ts.
import path from 'node:path';
import { initNodeBackend } from '../../core/backend/node-backends';
import { describeChoice } from '../../core/backend/select';
import { saveHfModel } from '../../core/checkpoint/hf-folder-node';
import type { TokenizerFiles } from '../../core/checkpoint/hf-folder';
import { latestCheckpoint, removeCheckpointsAfter, RunFolderCheckpoints, writeFolderAtomically, type CheckpointRef } from '../../core/train/checkpoint-node';
import type { TrainerEvent, TrainerEventListener } from '../../core/train/events';
import { parseRunConfig } from '../../core/train/run-config';
import { resolveAgainst } from '../../core/train/run-config-node';
import type { CheckpointSink, TrainingCheckpoint } from '../../core/train/checkpoints';
import { Trainer, type TrainResult } from '../../core/train/trainer';
import type { MetricsRow, RunRecord } from '../contract';
import { DistillationStopped, setUpDistillation } from './distillation-setup';
import type { RunStore } from './run-store';
import { setUpRun, type RunSetup } from './training-setup';

export const FINAL_MODEL_DIR = 'model';

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
 * found throws.
 */
export async function runTrainingJob(options: TrainingJobOptions): Promise<RunRecord> {
  const { store, runId } = options;
  const emit = options.onEvent ?? (() => {});
  const run = await store.get(runId);
  const runDir = store.dir(runId);
  await store.update(runId, { status: 'running', started_at: new Date().toISOString(), finished_at: undefined, error: undefined });
  emit({ type: 'status', status: 'starting' });
  const recorder = new RunRecorder(store, runId);
  let setup: RunSetup | undefined;
  try {
    const config = parseRunConfig(run.config, { resolvePath: resolveAgainst(runDir) });
    const choice = await initNodeBackend();
    const backend = describeChoice(choice);
    await store.update(runId, { backend });
    emit({ type: 'status', status: 'running', backend, message: `backend: ${choice.name} (${choice.description})` });

    const checkpoint = options.resume ? await latestCheckpoint(runDir) : undefined;
    if (options.resume) emit({ type: 'log', level: 'info', message: checkpoint ? `resuming from ${checkpoint.path}` : 'no checkpoint yet: starting from the beginning' });
    // Steps after the resume point are replayed, so their rows and checkpoints go.
    await store.truncateMetricsAfter(runId, checkpoint?.step ?? 0);
    await removeCheckpointsAfter(runDir, checkpoint?.step ?? 0);
    setup = await setUpRun(config, checkpoint && path.join(runDir, checkpoint.path));
    for (const note of setup.notes) emit({ type: 'log', level: 'warning', message: note });
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
      settings: config.training,
      checkpoints: recorder.checkpointsInto(new RunFolderCheckpoints(runDir, setup.tokenizerFiles)),
      onEvent,
      ...(setup.evaluation ? { evaluation: setup.evaluation } : {}),
      ...(setup.maskTokens ? { maskTokens: setup.maskTokens } : {}),
      ...(setup.resume ? { resume: setup.resume } : {}),
      ...(options.shouldStop ? { shouldStop: options.shouldStop } : {}),
    });
    recorder.totalSteps = trainer.plan.totalSteps;
    const result = await trainer.train();
    await recorder.flush();
    if (result.status === 'completed') await saveFinalModel(runDir, result, setup.tokenizerFiles);
    const final = await store.update(runId, finalRecord(result, checkpoint));
    emit({ type: 'status', status: result.status, message: outcome(result) });
    return final;
  } catch (error) {
    await recorder.flush().catch(() => {}); // the original error is the one to report
    const message = oneLine(error);
    // A stop during the teacher pass is a cancel like any other (what was computed is cached).
    const status = error instanceof DistillationStopped ? 'cancelled' : 'failed';
    const ended = await store.update(runId, { status, error: status === 'failed' ? message : undefined, finished_at: new Date().toISOString() });
    emit({ type: 'status', status, message });
    return ended;
  } finally {
    setup?.model.dispose();
  }
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
    this.queue = this.queue.then(write).catch((error: unknown) => {
      this.failure ??= error;
    });
  }
}
