// Runs are folders (the convention of TensorBoard logdirs and Trainer output dirs):
//   run.json        config, status, backend, timings        (replaced atomically)
//   metrics.jsonl   one Trainer log_history row per line     (append-only)
//   checkpoints/step-N/   HF folder + optimizer + trainer state
//   model/          the final HF folder
// A crash can at worst leave a torn last line in metrics.jsonl, which readers skip.
import { existsSync } from 'node:fs';
import { appendFile, mkdir, open, readFile, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { ATOMIC_TEMP_FILE, writeFileAtomic, writeJsonAtomic } from '../../core/io/atomic-write-node';
import { namingFile } from '../../core/io/fs-errors';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from '../../core/io/private-modes';
import { runIdProblem, type MetricsRow, type RunLogLine, type RunRecord, type RunStatus } from '../contract';
import { checkRunFile } from './run-record-schema';

export const RUN_FILE = 'run.json';
export const METRICS_FILE = 'metrics.jsonl';
export const LOG_FILE = 'log.jsonl';
/** The run's final Hugging Face folder. */
export const FINAL_MODEL_DIR = 'model';

/** Statuses of a run whose process is (or was) alive; after a crash they become `interrupted`. */
const LIVE_STATUSES: readonly RunStatus[] = ['running'];

export class RunNotFoundError extends Error {
  constructor(
    readonly id: string,
    reason = `there is no run "${id}"`,
  ) {
    super(reason);
    this.name = 'RunNotFoundError';
  }
}

/** run.json exists but cannot be used: the message names the file and what is wrong. */
export class RunDamagedError extends Error {
  override name = 'RunDamagedError';
  constructor(
    readonly id: string,
    readonly damage: { file: string; problem: string },
  ) {
    super(`run "${id}" is damaged: ${damage.file}: ${damage.problem}`);
  }
}

/** Files whose presence makes a folder a run even when its run.json is gone. */
const RUN_CONTENTS = [METRICS_FILE, 'checkpoints', FINAL_MODEL_DIR];

function slug(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '').slice(0, 40) || 'run';
}

function timestampId(date: Date): string {
  return date.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
}

/**
 * Parses an append-only JSON-lines file. A torn final line (a crash mid-append) is
 * skipped: the next append starts a new line. A bad line anywhere else is not a crash's
 * doing, and is reported with its number rather than dropped.
 */
function parseJsonLines<T>(text: string): T[] {
  const lines = text.split('\n');
  const last = lines.findLastIndex((line) => line.trim() !== '');
  const rows: T[] = [];
  lines.forEach((line, index) => {
    if (line.trim() === '') return;
    try {
      rows.push(JSON.parse(line) as T);
    } catch (error) {
      if (index !== last) throw new Error(`line ${index + 1} is not JSON (${error instanceof Error ? error.message : String(error)})`);
    }
  });
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
    const problem = runIdProblem(id);
    if (problem) throw new RunNotFoundError(id, problem);
    return path.join(this.root, id);
  }

  async create(init: { name: string; config: Record<string, unknown>; origin?: RunRecord['origin']; id?: string }): Promise<RunRecord> {
    const now = new Date();
    const id = init.id ?? `${timestampId(now)}-${slug(init.name)}-${randomBytes(2).toString('hex')}`;
    const record: RunRecord = { id, name: init.name, status: 'created', config: init.config, created_at: now.toISOString(), origin: init.origin ?? 'app' };
    await mkdir(this.dir(id), { recursive: true, mode: PRIVATE_DIR_MODE });
    await this.write(record);
    return record;
  }

  /** Adopts an existing folder (e.g. a CLI `output_dir`) as a run by writing its run.json. */
  async write(record: RunRecord): Promise<void> {
    await writeJsonAtomic(path.join(this.dir(record.id), RUN_FILE), record);
  }

  /** The run's record; throws RunNotFoundError, or RunDamagedError naming the file when run.json is unusable. */
  async get(id: string): Promise<RunRecord> {
    const record = await this.read(id);
    if (record.damage) throw new RunDamagedError(id, record.damage);
    return record;
  }

  /**
   * The run's record, or for a run whose run.json cannot be used a `damaged` record that
   * names the file and the problem (what the runs list shows, so a person can see and
   * delete it). Throws RunNotFoundError when the folder holds no run.
   */
  async read(id: string): Promise<RunRecord> {
    const file = path.join(this.dir(id), RUN_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' && !(await this.holdsRunContents(id))) throw new RunNotFoundError(id);
      const problem = code === 'ENOENT' ? 'the file is missing' : code === 'EISDIR' ? 'is a folder, not a file' : error instanceof Error ? error.message : String(error);
      return this.damaged(id, file, problem);
    }
    const checked = checkRunFile(text, id);
    return checked.ok ? checked.record : this.damaged(id, file, checked.problem);
  }

  private async holdsRunContents(id: string): Promise<boolean> {
    return RUN_CONTENTS.some((name) => existsSync(path.join(this.dir(id), name)));
  }

  private async damaged(id: string, file: string, problem: string): Promise<RunRecord> {
    const since = await stat(this.dir(id)).then((info) => info.mtime.toISOString(), () => new Date(0).toISOString());
    return { id, name: id, status: 'damaged', config: {}, created_at: since, damage: { file, problem }, error: `${file}: ${problem}` };
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

  /**
   * Every run, newest first. A damaged run is listed as such (naming its file and the
   * problem) and never keeps the others from being listed; folders that hold no run
   * (no run.json, no metrics, no checkpoints) and hidden folders are not runs.
   */
  async list(): Promise<RunRecord[]> {
    if (!existsSync(this.root)) return [];
    const entries = await readdir(this.root, { withFileTypes: true });
    const runs: RunRecord[] = [];
    for (const entry of entries) {
      if (!entry.isDirectory() || runIdProblem(entry.name)) continue;
      try {
        runs.push(await this.read(entry.name));
      } catch (error) {
        if (!(error instanceof RunNotFoundError)) throw error;
      }
    }
    return runs.sort((a, b) => b.created_at.localeCompare(a.created_at));
  }

  /** Deletes the run's folder; a damaged run can be deleted too. */
  async delete(id: string): Promise<void> {
    await this.read(id);
    await rm(this.dir(id), { recursive: true, force: true });
  }

  async appendMetrics(id: string, rows: readonly MetricsRow[]): Promise<void> {
    if (rows.length === 0) return;
    await appendPrivate(path.join(this.dir(id), METRICS_FILE), rows.map((r) => JSON.stringify(r) + '\n').join(''));
  }

  /** A JSON-lines file of the run, parsed; a bad line (not a torn last one) makes the run damaged, naming file and line. */
  private async parsedLines<T>(id: string, file: string, parse: (text: string) => T[]): Promise<T[]> {
    const text = await readFile(file, 'utf8');
    try {
      return parse(text);
    } catch (error) {
      throw new RunDamagedError(id, { file, problem: error instanceof Error ? error.message : String(error) });
    }
  }

  async readMetrics(id: string, sinceStep = -Infinity): Promise<MetricsRow[]> {
    const file = path.join(this.dir(id), METRICS_FILE);
    if (!existsSync(file)) return [];
    return (await this.parsedLines(id, file, parseMetrics)).filter((row) => row.step > sinceStep);
  }

  async appendLog(id: string, line: RunLogLine): Promise<void> {
    await appendPrivate(path.join(this.dir(id), LOG_FILE), JSON.stringify(line) + '\n');
  }

  async readLogs(id: string): Promise<RunLogLine[]> {
    const file = path.join(this.dir(id), LOG_FILE);
    if (!existsSync(file)) return [];
    return this.parsedLines(id, file, (text) => parseJsonLines<RunLogLine>(text));
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
   * running (this process owns the workers). Mark them interrupted so they can resume,
   * and remove the temporary files of atomic writes that a kill cut short. `write` records
   * the new status (the service's keeps it in memory when the disk is full).
   */
  async recoverInterrupted(write: (id: string, patch: Partial<RunRecord>) => Promise<RunRecord> = (id, patch) => this.update(id, patch)): Promise<RunRecord[]> {
    const recovered: RunRecord[] = [];
    for (const run of await this.list()) {
      await this.removeStrayTempFiles(run.id);
      if (LIVE_STATUSES.includes(run.status) || run.status === 'queued') {
        recovered.push(await write(run.id, { status: 'interrupted', error: undefined }));
      }
    }
    return recovered;
  }

  /** `.run.json.<hex>.tmp`, `.metrics.jsonl.<hex>.tmp`, …: what a write killed between create and rename leaves. */
  private async removeStrayTempFiles(id: string): Promise<void> {
    const names = await readdir(this.dir(id)).catch(() => [] as string[]);
    for (const name of names) if (ATOMIC_TEMP_FILE.test(name)) await rm(path.join(this.dir(id), name), { force: true });
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

/** Appends to a file created private; a full disk is reported naming the file. */
async function appendPrivate(file: string, text: string): Promise<void> {
  try {
    await appendFile(file, text, { mode: PRIVATE_FILE_MODE });
  } catch (error) {
    throw namingFile(error, file);
  }
}
