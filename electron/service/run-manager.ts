// Runs from the service's side: create, queue, start in a worker process, relay what the
// worker reports, cancel, resume, duplicate, delete. One run trains at a time by
// default; the others wait in a queue. The worker writes the run folder as it goes; this
// class only writes run.json when no worker is alive for the run (queued, and the
// verdict after a worker died), so run.json always has one writer.
import type { TrainerEvent } from '../../core/train/events';
import { defaultRunName, type RunConfig } from '../../core/train/run-config';
import type { MetricsRow, RunLogLine, RunRecord, ServiceEvent } from '../contract';
import { RunNotFoundError, type RunStore } from '../runs/run-store';
import type { WorkerHandle, WorkerLauncher } from '../worker/launcher';
import type { ParentToWorker, WorkerToParent } from '../worker/protocol';
import { coalesce, type Coalescer } from './coalesce';
import { ServiceError } from './host';
import { UnsavedRuns } from './unsaved-runs';

/** How long a cancelled worker gets to stop after its current step before it is killed. */
const CANCEL_GRACE_MS = 20_000;
/** Once a cancelled worker speaks again (it is saving its stop checkpoint), how long it gets to finish. */
const SAVE_GRACE_MS = 300_000;
/** Step events reach the UI at most this often (ms): ~20 a second. */
const STEP_EVENT_INTERVAL_MS = 50;

interface ActiveRun {
  id: string;
  worker: WorkerHandle;
  cancelRequested: boolean;
  /** What the worker said went wrong, for the verdict when it exits without recording it (disk full). */
  failure?: string;
  steps: Coalescer<MetricsRow>;
  killTimer?: ReturnType<typeof setTimeout>;
  stopMonitor?: () => void;
  /** Edits sent to the worker, applied again once it is gone in case it exited before writing them. */
  edits?: Pick<Partial<RunRecord>, 'name' | 'tags' | 'notes'>;
}

export interface RunManagerOptions {
  store: RunStore;
  launch: WorkerLauncher;
  emit: (event: ServiceEvent) => void;
  /**
   * Parses a run config before a run is created (throws naming the field); run.json keeps
   * the parsed config — every default filled in, paths absolute — so it reads the same later.
   */
  parseConfig: (config: Record<string, unknown>) => RunConfig;
  /** Refuses, before a run is queued, what cannot fit the backend it would train on (the pre-flight check). */
  checkFits?: (config: Record<string, unknown>) => Promise<void>;
  /** Called when a worker starts training a run (the system panel's sampler); returns how to stop it. */
  monitor?: (runId: string, pid: number | undefined) => () => void;
}

/** Objects merge key by key; anything else (arrays included) is replaced. */
export function mergeConfig(base: Record<string, unknown>, changes: Record<string, unknown>): Record<string, unknown> {
  const merged: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(changes)) {
    const current = merged[key];
    const bothObjects = [current, value].every((v) => typeof v === 'object' && v !== null && !Array.isArray(v));
    merged[key] = bothObjects ? mergeConfig(current as Record<string, unknown>, value as Record<string, unknown>) : value;
  }
  return merged;
}

export class RunManager {
  private readonly queue: { id: string; resume: boolean }[] = [];
  private active: ActiveRun | undefined;
  private readonly store: RunStore;
  private readonly unsaved: UnsavedRuns;
  private logWrites: Promise<void> = Promise.resolve();

  constructor(private readonly options: RunManagerOptions) {
    this.store = options.store;
    this.unsaved = new UnsavedRuns(options.store);
  }

  /** The run as it stands, including a verdict the disk could not take yet (see unsaved-runs.ts). */
  async get(id: string): Promise<RunRecord> {
    return this.unsaved.overlay(await this.store.get(id));
  }

  /** Like get, but a damaged run comes back as a `damaged` record naming its file (runs.get). */
  async read(id: string): Promise<RunRecord> {
    return this.withQueuePosition(this.unsaved.overlay(await this.store.read(id)));
  }

  /** Every run as clients see it (queued ones with their queue position). */
  async list(): Promise<RunRecord[]> {
    return (await this.store.list()).map((run) => this.withQueuePosition(this.unsaved.overlay(run)));
  }

  async logs(id: string): Promise<RunLogLine[]> {
    return [...(await this.store.readLogs(id)), ...this.unsaved.unsavedLogs(id)];
  }

  /** The process id of the worker training now (for fault tests and diagnostics). */
  get activeWorkerPid(): number | undefined {
    return this.active?.worker.pid;
  }

  /** On start-up: runs a crash left `running` or `queued` become `interrupted`. */
  async recover(): Promise<void> {
    for (const run of await this.store.recoverInterrupted((id, patch) => this.unsaved.record(id, patch))) this.emitStatus(run);
  }

  async create(config: Record<string, unknown>, name?: string): Promise<RunRecord> {
    const parsed = this.options.parseConfig(config);
    const runName = name ?? parsed.name ?? defaultRunName(parsed);
    const run = await this.store.create({ name: runName, config: parsed as unknown as Record<string, unknown>, origin: 'app' });
    this.emitStatus(run);
    return run;
  }

  async duplicate(id: string, changes: Record<string, unknown> = {}, name?: string): Promise<RunRecord> {
    const source = await this.get(id);
    return this.create(mergeConfig(source.config, changes), name ?? `${source.name} (copy)`);
  }

  async start(id: string): Promise<RunRecord> {
    const run = await this.get(id);
    if (run.status !== 'created') {
      throw new ServiceError(`run "${run.name}" is ${run.status}; ${run.status === 'interrupted' || run.status === 'cancelled' || run.status === 'failed' ? 'resume it' : 'duplicate it to train again'}`);
    }
    return this.enqueue(run, false);
  }

  /** Continues an interrupted, cancelled or failed run from its last checkpoint (or from the start when it has none). */
  async resume(id: string): Promise<RunRecord> {
    const run = await this.get(id);
    if (!['interrupted', 'cancelled', 'failed'].includes(run.status)) {
      throw new ServiceError(`run "${run.name}" is ${run.status}; only interrupted, cancelled or failed runs resume`);
    }
    return this.enqueue(run, true);
  }

  async cancel(id: string): Promise<RunRecord> {
    const queued = this.queue.findIndex((entry) => entry.id === id);
    if (queued >= 0) {
      this.queue.splice(queued, 1);
      const cancelled = await this.setStatus(id, { status: 'cancelled' });
      void this.emitQueued();
      return cancelled;
    }
    const active = this.active;
    if (active?.id !== id) {
      const run = await this.get(id);
      throw new ServiceError(`run "${run.name}" is ${run.status}, not running`);
    }
    active.cancelRequested = true;
    this.send(active.worker, { type: 'cancel' });
    active.killTimer ??= setTimeout(() => active.worker.kill(), CANCEL_GRACE_MS);
    this.emitLog(id, 'info', 'cancelling after the current step, with a checkpoint to resume from…');
    return this.get(id);
  }

  /** The run's place in the queue (1: starts next), or undefined when it is not queued. */
  queuePosition(id: string): number | undefined {
    const index = this.queue.findIndex((entry) => entry.id === id);
    return index < 0 ? undefined : index + 1;
  }

  /** The record as clients see it: a queued run carries its queue position. */
  withQueuePosition(run: RunRecord): RunRecord {
    const { queue_position: _stored, ...record } = run;
    const position = this.queuePosition(run.id);
    return position === undefined ? record : { ...record, queue_position: position };
  }

  /** Name, tags and notes; while the run trains its worker writes run.json, so the change goes through it. */
  async update(id: string, patch: Pick<Partial<RunRecord>, 'name' | 'tags' | 'notes'>): Promise<RunRecord> {
    const active = this.active;
    const stored = await this.get(id);
    // A worker writes run.json only while its job runs; one that has finished is only exiting.
    if (active?.id === id && stored.status === 'running') {
      active.edits = { ...active.edits, ...patch };
      this.send(active.worker, { type: 'update', patch });
      const run = { ...stored, ...patch };
      this.emitStatus(run);
      return this.withQueuePosition(run);
    }
    return this.setStatus(id, patch);
  }

  async delete(id: string): Promise<void> {
    if (this.active?.id === id || this.queue.some((entry) => entry.id === id)) {
      throw new ServiceError('cancel the run before deleting it');
    }
    await this.store.delete(id);
    this.unsaved.forget(id);
  }

  /** Ends the active worker (app quitting): its run is marked interrupted and can resume. */
  async shutdown(): Promise<void> {
    this.queue.length = 0;
    this.unsaved.dispose();
    const active = this.active;
    if (!active) return;
    await new Promise<void>((resolve) => {
      active.worker.onExit(() => resolve());
      active.worker.kill();
    });
  }

  private async enqueue(run: RunRecord, resume: boolean): Promise<RunRecord> {
    if (this.queue.some((entry) => entry.id === run.id)) throw new ServiceError(`run "${run.name}" is already queued`);
    // A run whose job has ended (cancelled) while its process is still exiting may queue again: it starts once the process is gone.
    if (this.active?.id === run.id && (run.status === 'running' || run.status === 'queued')) throw new ServiceError(`run "${run.name}" is already running`);
    await this.options.checkFits?.(run.config);
    const entry = { id: run.id, resume };
    this.queue.push(entry);
    try {
      const queued = await this.setStatus(run.id, { status: 'queued', error: undefined });
      this.pump();
      return this.withQueuePosition(queued);
    } catch (error) {
      // Not queued after all (the disk is full): the run stays as it was, to resume later.
      this.queue.splice(this.queue.indexOf(entry), 1);
      throw error;
    }
  }

  private pump(): void {
    if (this.active) return;
    const next = this.queue.shift();
    if (!next) return;
    void this.emitQueued(); // everyone behind moved up one
    const worker = this.options.launch();
    const active: ActiveRun = {
      id: next.id,
      worker,
      cancelRequested: false,
      steps: coalesce(STEP_EVENT_INTERVAL_MS, (rows) => this.options.emit({ type: 'run.metrics', runId: next.id, rows })),
    };
    this.active = active;
    if (this.options.monitor) active.stopMonitor = this.options.monitor(next.id, worker.pid);
    worker.onMessage((message) => this.relay(active, message as WorkerToParent));
    worker.onExit((code, signal) => void this.finish(active, code, signal));
    this.send(worker, { type: 'start', runsRoot: this.store.root, runId: next.id, resume: next.resume });
  }

  private send(worker: WorkerHandle, message: ParentToWorker): void {
    worker.send(message);
  }

  private relay(active: ActiveRun, message: WorkerToParent): void {
    if (message.type !== 'event') return;
    const event: TrainerEvent = message.event;
    const runId = active.id;
    if (active.cancelRequested && active.killTimer) {
      // It answers: it is stopping (saving its checkpoint takes a while for a large model).
      clearTimeout(active.killTimer);
      active.killTimer = setTimeout(() => active.worker.kill(), SAVE_GRACE_MS);
    }
    if (event.type === 'step') {
      const { type: _type, ...row } = event;
      active.steps.push(row);
      return;
    }
    active.steps.flush();
    switch (event.type) {
      case 'eval':
        this.options.emit({ type: 'run.metrics', runId, rows: [{ step: event.step, epoch: event.epoch, elapsed_s: event.elapsed_s, ...event.metrics }] });
        break;
      case 'checkpoint':
        this.options.emit({ type: 'run.checkpoint', runId, step: event.step, path: event.path });
        void this.emitStored(runId);
        break;
      case 'log':
        this.emitLog(runId, event.level, event.message);
        break;
      case 'evaluation':
        for (const kind of event.kinds) this.options.emit({ type: 'run.evaluation', runId, kind, step: event.step });
        break;
      case 'status':
        if (event.status === 'failed' && event.message) active.failure = event.message;
        if (event.message) this.emitLog(runId, event.status === 'failed' ? 'error' : 'info', event.message);
        void this.emitStored(runId);
        break;
    }
  }

  /**
   * The worker is gone. If it left the run `running`, it died or could not record its end
   * (a full disk): say so. The verdict is kept in memory until the disk takes it, so the
   * run never stays `running` with no worker, and cancel and resume answer truly.
   */
  private async finish(active: ActiveRun, code: number | null, signal: string | null): Promise<void> {
    active.steps.flush();
    active.steps.dispose();
    active.stopMonitor?.();
    if (active.killTimer) clearTimeout(active.killTimer);
    try {
      if (active.edits) await this.store.update(active.id, active.edits);
      const run = await this.get(active.id);
      const queuedAgain = this.queue.some((entry) => entry.id === active.id); // resumed while this process was exiting
      if (!queuedAgain && (run.status === 'running' || run.status === 'queued')) {
        const verdict = active.cancelRequested
          ? { status: 'cancelled' as const, error: undefined }
          : active.failure
            ? { status: 'failed' as const, error: active.failure, finished_at: new Date().toISOString() }
            : signal
              ? { status: 'interrupted' as const, error: `the training process was stopped (${signal}); resume continues from the last checkpoint` }
              : { status: 'failed' as const, error: `the training process exited unexpectedly (exit code ${code})` };
        this.emitStatus(await this.unsaved.record(active.id, verdict));
      } else {
        this.emitStatus(run);
      }
    } catch (error) {
      // A run deleted meanwhile has nothing to record; anything else is a bug to see.
      if (!(error instanceof RunNotFoundError)) console.error(`run ${active.id}: cannot record the worker's end: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      if (this.active === active) this.active = undefined;
      this.pump();
    }
  }

  private async setStatus(id: string, patch: Partial<RunRecord>): Promise<RunRecord> {
    const run = await this.unsaved.update(id, patch);
    this.emitStatus(run);
    return run;
  }

  private async emitStored(id: string): Promise<void> {
    try {
      this.emitStatus(await this.get(id));
    } catch {
      // Deleted meanwhile.
    }
  }

  private emitStatus(run: RunRecord): void {
    this.options.emit({ type: 'run.status', run: this.withQueuePosition(run) });
  }

  /** Every queued run again, with its new position. */
  private async emitQueued(): Promise<void> {
    for (const { id } of [...this.queue]) await this.emitStored(id);
  }

  /** Logs go to the run's log.jsonl too, in order, so a reopened run shows its history. */
  private emitLog(runId: string, level: 'info' | 'warning' | 'error', message: string): void {
    const line = { level, message, time: new Date().toISOString() };
    this.logWrites = this.logWrites.then(() => this.unsaved.appendLog(runId, line)).catch(() => {});
    this.options.emit({ type: 'run.log', runId, ...line });
  }
}
