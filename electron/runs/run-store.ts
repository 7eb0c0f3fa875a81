// Runs are folders (the convention of TensorBoard logdirs and Trainer output dirs):
//   run.json        config, status, backend, timings        (replaced atomically)
//   metrics.jsonl   one Trainer log_history row per line     (append-only)
//   checkpoints/step-N/   HF folder + optimizer + trainer state
//   model/          the final HF folder
// A crash can at worst leave a torn last line in metrics.jsonl, which readers skip.
import { existsSync } from 'node:fs';
import { appendFile, mkdir, open, readFile, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { writeFileAtomic, writeJsonAtomic } from '../../core/io/atomic-write-node';
import type { MetricsRow, RunLogLine, RunRecord, RunStatus } from '../contract';

export const RUN_FILE = 'run.json';
export const METRICS_FILE = 'metrics.jsonl';
export const LOG_FILE = 'log.jsonl';

/** Statuses of a run whose process is (or was) alive; after a crash they become `interrupted`. */
const LIVE_STATUSES: readonly RunStatus[] = ['running'];

export class RunNotFoundError extends Error {
  constructor(readonly id: string) {
    super(`there is no run "${id}"`);
    this.name = 'RunNotFoundError';
  }
}

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'run';
}

function timestampId(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/** Parses an append-only JSON-lines file; a torn final line (crash mid-append) is skipped, not fatal. */
function parseJsonLines<T>(text: string): T[] {
  const rows: T[] = [];
  for (const line of text.split('\n')) {
    if (line.trim() === '') continue;
    try {
      rows.push(JSON.parse(line) as T);
    } catch {
      // Only the last line can be torn; anything after it would not exist.
    }
  }
  return rows;
}

export function parseMetrics(text: string): MetricsRow[] {
  return parseJsonLines<MetricsRow>(text);
}

export class RunStore {
  /** Per run, the update in progress: updates read, merge and write run.json one after another, so none is lost. */
  private readonly updates = new Map<string, Promise<unknown>>();

  constructor(readonly root: string) {}

  dir(id: string): string {
    if (!/^[\w.-]+$/.test(id)) throw new RunNotFoundError(id);
    return path.join(this.root, id);
  }

  async create(init: { name: string; config: Record<string, unknown>; origin?: RunRecord['origin']; id?: string }): Promise<RunRecord> {
    const now = new Date();
    const id = init.id ?? `${timestampId(now)}-${slug(init.name)}-${randomBytes(2).toString('hex')}`;
    const record: RunRecord = { id, name: init.name, status: 'created', config: init.config, created_at: now.toISOString(), origin: init.origin ?? 'app' };
    await mkdir(this.dir(id), { recursive: true });
    await this.write(record);
    return record;
  }

  /** Adopts an existing folder (e.g. a CLI `output_dir`) as a run by writing its run.json. */
  async write(record: RunRecord): Promise<void> {
    await writeJsonAtomic(path.join(this.dir(record.id), RUN_FILE), record);
  }

  async get(id: string): Promise<RunRecord> {
    const file = path.join(this.dir(id), RUN_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch {
      throw new RunNotFoundError(id);
    }
    return JSON.parse(text) as RunRecord;
  }

  update(id: string, patch: Partial<Omit<RunRecord, 'id'>>): Promise<RunRecord> {
    const previous = this.updates.get(id) ?? Promise.resolve();
    const next = previous.catch(() => {}).then(async () => {
      const record = { ...(await this.get(id)), ...patch };
      await this.write(record);
      return record;
    });
    this.updates.set(id, next);
    void next.finally(() => {
      if (this.updates.get(id) === next) this.updates.delete(id);
    }).catch(() => {});
    return next;
  }

  /** Every run, newest first; folders without a readable run.json are not runs. */
  async list(): Promise<RunRecord[]> {
    if (!existsSync(this.root)) return [];
    const entries = await readdir(this.root, { withFileTypes: true });
    const runs: RunRecord[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory()) continue;
      try {
        runs.push(await this.get(entry.name));
      } catch {
        // Not a run folder (or a run.json that never finished its first write).
      }
    }
    return runs.sort((a, b) => b.created_at.localeCompare(a.created_at));
  }

  async delete(id: string): Promise<void> {
    await this.get(id);
    await rm(this.dir(id), { recursive: true, force: true });
  }

  async appendMetrics(id: string, rows: readonly MetricsRow[]): Promise<void> {
    if (rows.length === 0) return;
    await appendFile(path.join(this.dir(id), METRICS_FILE), rows.map((r) => JSON.stringify(r) + '\n').join(''));
  }

  async readMetrics(id: string, sinceStep = -Infinity): Promise<MetricsRow[]> {
    const file = path.join(this.dir(id), METRICS_FILE);
    if (!existsSync(file)) return [];
    return parseMetrics(await readFile(file, 'utf8')).filter((row) => row.step > sinceStep);
  }

  async appendLog(id: string, line: RunLogLine): Promise<void> {
    await appendFile(path.join(this.dir(id), LOG_FILE), JSON.stringify(line) + '\n');
  }

  async readLogs(id: string): Promise<RunLogLine[]> {
    const file = path.join(this.dir(id), LOG_FILE);
    if (!existsSync(file)) return [];
    return parseJsonLines<RunLogLine>(await readFile(file, 'utf8'));
  }

  /**
   * Drops metrics rows after `step` (a resume from an earlier checkpoint replays them),
   * rewriting the file atomically; a torn last line goes too.
   */
  async truncateMetricsAfter(id: string, step: number): Promise<void> {
    const rows = (await this.readMetrics(id)).filter((row) => row.step <= step);
    const file = path.join(this.dir(id), METRICS_FILE);
    await writeFileAtomic(file, rows.map((r) => JSON.stringify(r) + '\n').join(''));
  }

  /**
   * On start-up: runs left `running` by a crash or a killed worker can no longer be
   * running (this process owns the workers). Mark them interrupted so they can resume.
   */
  async recoverInterrupted(): Promise<RunRecord[]> {
    const recovered: RunRecord[] = [];
    for (const run of await this.list()) {
      if (LIVE_STATUSES.includes(run.status) || run.status === 'queued') {
        recovered.push(await this.update(run.id, { status: 'interrupted', error: undefined }));
      }
    }
    return recovered;
  }

  /** Flushes metrics.jsonl to disk (called at checkpoints so metrics and checkpoint agree). */
  async syncMetrics(id: string): Promise<void> {
    const file = path.join(this.dir(id), METRICS_FILE);
    if (!existsSync(file)) return;
    const handle = await open(file, 'r+');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  }
}
