// The service's task workers: one process per kind of work (data inspection; the
// playground's models and the backend probe; exports), started on the first call, ended
// when idle (which gives their memory back), started afresh after a crash. The service's
// event loop only passes messages: in the desktop app it is Electron's main process, and
// a 21 MB SQuAD file or a model's forward pass there froze the window.
import type { WorkerHandle, WorkerLauncher } from '../worker/launcher';
import type { ServiceToTaskWorker, TaskName, TaskParams, TaskResult, TaskWorkerToService } from '../worker/task-protocol';
import { ServiceError } from './host';

export type TaskLane = 'data' | 'models' | 'export';

const LANE_OF: Record<TaskName, TaskLane> = { inspect: 'data', predict: 'models', forget: 'models', backend: 'models', export: 'export' };

/** What each lane is doing, for an error message when its process dies. */
const LANE_WORK: Record<TaskLane, string> = { data: 'reading the data', models: 'running the model', export: 'exporting' };

/** How long an idle process stays: loaded playground models are worth keeping a while. */
const DEFAULT_IDLE_MS: Record<TaskLane, number> = { data: 60_000, models: 10 * 60_000, export: 30_000 };

interface PendingCall {
  resolve: (result: unknown) => void;
  reject: (error: Error) => void;
}

class LaneProcess {
  private worker: WorkerHandle | undefined;
  private exited: Promise<void> = Promise.resolve();
  private readonly pending = new Map<number, PendingCall>();
  private nextId = 1;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    private readonly lane: TaskLane,
    private readonly launch: WorkerLauncher,
    private readonly idleMs: number,
  ) {}

  get pid(): number | undefined {
    return this.worker?.pid;
  }

  get running(): boolean {
    return this.worker !== undefined;
  }

  call(task: TaskName, params: unknown): Promise<unknown> {
    this.clearIdle();
    const worker = this.worker ?? this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      const message: ServiceToTaskWorker = { type: 'call', id, task, params };
      try {
        worker.send(message);
      } catch (error) {
        this.settle(id, (call) => call.reject(new ServiceError(`cannot reach the ${this.lane} process: ${error instanceof Error ? error.message : String(error)}`)));
      }
    });
  }

  stop(): Promise<void> {
    this.clearIdle();
    this.worker?.kill();
    return this.exited;
  }

  private start(): WorkerHandle {
    const worker = this.launch('tasks');
    this.worker = worker;
    worker.onMessage((message) => this.answer(message as TaskWorkerToService));
    let exited!: () => void;
    this.exited = new Promise((resolve) => (exited = resolve));
    worker.onExit((code, signal) => {
      exited();
      if (this.worker === worker) this.worker = undefined;
      this.clearIdle();
      const how = signal ? `was stopped (${signal})` : `exited (code ${code})`;
      for (const id of [...this.pending.keys()]) {
        this.settle(id, (call) => call.reject(new ServiceError(`the process ${LANE_WORK[this.lane]} ${how} before it answered; try again`)));
      }
    });
    return worker;
  }

  private answer(message: TaskWorkerToService): void {
    if (message.type === 'result') this.settle(message.id, (call) => call.resolve(message.result));
    else if (message.type === 'error') this.settle(message.id, (call) => call.reject(new ServiceError(message.message)));
  }

  private settle(id: number, done: (call: PendingCall) => void): void {
    const call = this.pending.get(id);
    if (!call) return;
    this.pending.delete(id);
    done(call);
    if (this.pending.size === 0 && this.worker) this.scheduleIdle();
  }

  private scheduleIdle(): void {
    this.clearIdle();
    this.idleTimer = setTimeout(() => {
      if (this.pending.size === 0) void this.stop();
    }, this.idleMs);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
  }
}

export class TaskWorkers {
  private readonly lanes: Record<TaskLane, LaneProcess>;

  constructor(launch: WorkerLauncher, idleMs: Partial<Record<TaskLane, number>> = {}) {
    const lane = (name: TaskLane) => new LaneProcess(name, launch, idleMs[name] ?? DEFAULT_IDLE_MS[name]);
    this.lanes = { data: lane('data'), models: lane('models'), export: lane('export') };
  }

  call<T extends TaskName>(task: T, params: TaskParams<T>): Promise<TaskResult<T>> {
    return this.lanes[LANE_OF[task]].call(task, params) as Promise<TaskResult<T>>;
  }

  /** Tells the models process to unload a deleted run's model; starts no process to do it. */
  async forget(runId: string): Promise<void> {
    if (this.lanes.models.running) await this.call('forget', { runId });
  }

  /** The process id of a lane's worker, when one runs (for fault tests). */
  pid(lane: TaskLane): number | undefined {
    return this.lanes[lane].pid;
  }

  async close(): Promise<void> {
    await Promise.all(Object.values(this.lanes).map((lane) => lane.stop()));
  }
}
