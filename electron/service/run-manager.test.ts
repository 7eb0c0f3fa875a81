// RunManager with a stand-in worker and a disk that fills up: a run whose worker dies
// while the disk is full ends `failed` with "disk full" in its status, log and events,
// cancel and resume say what is true, and it resumes once space is freed.
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskFullError } from '../../core/io/fs-errors';
import type { TrainerEvent } from '../../core/train/events';
import type { RunLogLine, RunRecord, ServiceEvent } from '../contract';
import { RunStore } from '../runs/run-store';
import type { WorkerHandle } from '../worker/launcher';
import type { ParentToWorker } from '../worker/protocol';
import { RunManager } from './run-manager';

/** A run store on a disk that can be made full: every write then fails as ENOSPC does. */
class FillableStore extends RunStore {
  full = false;
  private check(file: string): void {
    if (this.full) throw new DiskFullError(file);
  }
  override async update(id: string, patch: Partial<Omit<RunRecord, 'id'>>): Promise<RunRecord> {
    this.check(path.join(this.dir(id), 'run.json'));
    return super.update(id, patch);
  }
  override async appendLog(id: string, line: RunLogLine): Promise<void> {
    this.check(path.join(this.dir(id), 'log.jsonl'));
    return super.appendLog(id, line);
  }
}

class FakeWorker implements WorkerHandle {
  readonly pid = 4242;
  readonly received: ParentToWorker[] = [];
  private messageListener: (message: unknown) => void = () => {};
  private exitListener: (code: number | null, signal: string | null) => void = () => {};
  send(message: unknown): void {
    this.received.push(message as ParentToWorker);
  }
  onMessage(listener: (message: unknown) => void): void {
    this.messageListener = listener;
  }
  onExit(listener: (code: number | null, signal: string | null) => void): void {
    this.exitListener = listener;
  }
  kill(): void {
    this.exit(null, 'SIGKILL');
  }
  event(event: TrainerEvent): void {
    this.messageListener({ type: 'event', event });
  }
  exit(code: number | null, signal: string | null): void {
    this.exitListener(code, signal);
  }
}

function setUp() {
  const store = new FillableStore(mkdtempSync(path.join(os.tmpdir(), 'wb-manager-')));
  const workers: FakeWorker[] = [];
  const events: ServiceEvent[] = [];
  const manager = new RunManager({
    store,
    launch: () => {
      const worker = new FakeWorker();
      workers.push(worker);
      return worker;
    },
    emit: (event) => events.push(event),
    parseConfig: (config) => config as never,
  });
  return { store, workers, events, manager };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('RunManager when the disk fills up', () => {
  it('ends a run whose worker could not record its failure as failed with "disk full", and resumes it once space is freed', async () => {
    const { store, workers, events, manager } = setUp();
    const run = await manager.create({ task: 'classification' }, 'r');
    await manager.start(run.id);
    const worker = workers[0]!;
    expect(worker.received[0]).toMatchObject({ type: 'start', runId: run.id, resume: false });
    await store.update(run.id, { status: 'running' }); // what the worker writes first

    store.full = true;
    const reason = `disk full: no space left to write ${path.join(store.dir(run.id), 'metrics.jsonl')}; free some space, then resume`;
    worker.event({ type: 'status', status: 'failed', message: reason });
    worker.exit(1, null);
    await settle();

    // What the page shows: the run failed, and why.
    const shown = await manager.get(run.id);
    expect(shown.status).toBe('failed');
    expect(shown.error).toBe(reason);
    expect(events.some((e) => e.type === 'run.status' && e.run.id === run.id && e.run.status === 'failed' && e.run.error === reason)).toBe(true);
    expect(events.some((e) => e.type === 'run.log' && e.level === 'error' && e.message.includes('disk full'))).toBe(true);
    expect((await manager.logs(run.id)).map((line) => line.message)).toContain(reason);
    expect((await manager.list()).find((r) => r.id === run.id)?.status).toBe('failed');
    // Cancel and resume tell the truth: not "is running, not running".
    await expect(manager.cancel(run.id)).rejects.toThrow(`run "r" is failed, not running`);
    await expect(manager.resume(run.id)).rejects.toThrow('disk full');
    expect(workers).toHaveLength(1);

    // Space freed: the verdict and the log line reach the disk, and the run resumes.
    store.full = false;
    await (manager as unknown as { unsaved: { retry(): Promise<void> } }).unsaved.retry();
    const stored = JSON.parse(readFileSync(path.join(store.dir(run.id), 'run.json'), 'utf8')) as RunRecord;
    expect(stored.status).toBe('failed');
    expect(stored.error).toBe(reason);
    expect(readFileSync(path.join(store.dir(run.id), 'log.jsonl'), 'utf8')).toContain('disk full');
    expect((await manager.resume(run.id)).status).toBe('queued');
    expect(workers).toHaveLength(2);
    expect(workers[1]!.received[0]).toMatchObject({ type: 'start', runId: run.id, resume: true });
    await manager.shutdown();
  });

  it('marks a worker killed while the disk is full interrupted, in memory until the disk takes it', async () => {
    const { store, workers, manager } = setUp();
    const run = await manager.create({ task: 'classification' }, 'k');
    await manager.start(run.id);
    await store.update(run.id, { status: 'running' });
    store.full = true;
    workers[0]!.exit(null, 'SIGKILL');
    await settle();
    expect((await manager.get(run.id)).status).toBe('interrupted');
    await expect(manager.cancel(run.id)).rejects.toThrow('is interrupted, not running');
    await manager.shutdown();
  });
});
