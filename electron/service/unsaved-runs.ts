// What happened to a run that its folder could not take: when the disk is full, the
// verdict on a dead worker ("failed: disk full …") and the log lines that say why cannot
// be written. They are kept here, shown as the run's state in every reply and event, and
// written as soon as the disk has room again (retried every few seconds), so a run never
// stays `running` on screen with no worker behind it, and resumes once space is freed.
import type { RunLogLine, RunRecord } from '../contract';
import type { RunStore } from '../runs/run-store';

const RETRY_INTERVAL_MS = 5_000;

interface Unsaved {
  patch: Partial<RunRecord>;
  logs: RunLogLine[];
}

export class UnsavedRuns {
  private readonly pending = new Map<string, Unsaved>();
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(
    private readonly store: RunStore,
    private readonly retryIntervalMs = RETRY_INTERVAL_MS,
  ) {}

  /** The stored record with what could not be written laid over it. */
  overlay(record: RunRecord): RunRecord {
    const unsaved = this.pending.get(record.id);
    return unsaved ? { ...record, ...unsaved.patch } : record;
  }

  /**
   * Writes `patch` (after anything still unsaved for the run); throws when the disk cannot
   * take it, keeping nothing — for changes a person asked for, who then reads the reason.
   */
  async update(id: string, patch: Partial<RunRecord>): Promise<RunRecord> {
    const unsaved = this.pending.get(id);
    const record = await this.store.update(id, { ...unsaved?.patch, ...patch });
    if (unsaved) {
      unsaved.patch = {};
      await this.flushLogs(id, unsaved);
    }
    return record;
  }

  /** Writes `patch`, or when that fails keeps it to show and to write later. Never throws for a run that exists. */
  async record(id: string, patch: Partial<RunRecord>): Promise<RunRecord> {
    try {
      return await this.update(id, patch);
    } catch {
      const stored = await this.store.get(id); // a deleted run rethrows here: nothing to keep
      const unsaved = this.entry(id);
      unsaved.patch = { ...unsaved.patch, ...patch };
      this.scheduleRetry();
      return this.overlay(stored);
    }
  }

  /** Appends a log line, or keeps it for later when the disk is full. */
  async appendLog(id: string, line: RunLogLine): Promise<void> {
    const unsaved = this.pending.get(id);
    if (unsaved && unsaved.logs.length > 0) {
      unsaved.logs.push(line); // keep the order: older unsaved lines go first
      this.scheduleRetry();
      return;
    }
    try {
      await this.store.appendLog(id, line);
    } catch {
      this.entry(id).logs.push(line);
      this.scheduleRetry();
    }
  }

  /** Logs of the run that are not on disk yet, to show after the stored ones. */
  unsavedLogs(id: string): RunLogLine[] {
    return [...(this.pending.get(id)?.logs ?? [])];
  }

  forget(id: string): void {
    this.pending.delete(id);
  }

  /** Tries every unsaved write again; runs that are gone are dropped. */
  async retry(): Promise<void> {
    for (const [id, unsaved] of [...this.pending]) {
      try {
        if (Object.keys(unsaved.patch).length > 0) {
          await this.store.update(id, unsaved.patch);
          unsaved.patch = {};
        }
        await this.flushLogs(id, unsaved);
      } catch {
        if (!(await this.store.read(id).then(() => true, () => false))) this.pending.delete(id);
      }
    }
    if (this.pending.size === 0) this.stopRetrying();
  }

  dispose(): void {
    this.stopRetrying();
  }

  private async flushLogs(id: string, unsaved: Unsaved): Promise<void> {
    for (let line = unsaved.logs[0]; line !== undefined; line = unsaved.logs[0]) {
      await this.store.appendLog(id, line);
      unsaved.logs.shift();
    }
    if (Object.keys(unsaved.patch).length === 0) this.pending.delete(id);
  }

  private entry(id: string): Unsaved {
    let unsaved = this.pending.get(id);
    if (!unsaved) {
      unsaved = { patch: {}, logs: [] };
      this.pending.set(id, unsaved);
    }
    return unsaved;
  }

  private scheduleRetry(): void {
    if (this.timer) return;
    this.timer = setInterval(() => void this.retry(), this.retryIntervalMs);
    this.timer.unref();
  }

  private stopRetrying(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
  }
}
