// Model downloads in the app: one per model and revision at a time, running in the
// service (network and disk only; no TensorFlow.js), their progress pushed to every client
// as `model.download` events a few times a second with speed and time left, cancellable.
// A cancelled or failed download keeps what arrived (blobs/*.incomplete); starting it
// again — in this session or after a restart — resumes from there.
import { downloadModel, type DownloadProgress } from '../../core/hub/download-node';
import { DEFAULT_REVISION, HubError, validateRepoId, validateRevision } from '../../core/hub/hub';
import { TransferRate } from '../../core/hub/progress';
import type { DownloadState, ServiceEvent } from '../contract';
import type { HubSession } from './hub-session';
import { ServiceError } from './host';

/** Progress events at most this often (ms); status changes always go out. */
const EVENT_INTERVAL_MS = 250;
/** Finished downloads kept for models.downloads, newest last. */
const KEEP_FINISHED = 20;

interface Active {
  state: DownloadState;
  controller: AbortController;
  rate: TransferRate;
  lastEmit: number;
  done: Promise<void>;
}

export interface DownloadManagerOptions {
  hub: HubSession;
  emit: (event: ServiceEvent) => void;
  now?: () => number;
}

function key(hubId: string, revision: string): string {
  return `${hubId}@${revision}`;
}

function checked(hubId: string, revision: string | undefined): { hubId: string; revision: string } {
  try {
    return { hubId: validateRepoId(hubId), revision: validateRevision(revision ?? DEFAULT_REVISION) };
  } catch (error) {
    if (error instanceof HubError) throw new ServiceError(error.message);
    throw error;
  }
}

export class DownloadManager {
  private readonly active = new Map<string, Active>();
  private readonly finished = new Map<string, DownloadState>();
  private readonly now: () => number;

  constructor(private readonly options: DownloadManagerOptions) {
    this.now = options.now ?? Date.now;
  }

  /** Starts (or joins) the download of a model; progress follows as events. */
  start(hubIdInput: string, revisionInput: string | undefined, token?: string): DownloadState {
    const { hubId, revision } = checked(hubIdInput, revisionInput);
    const id = key(hubId, revision);
    const running = this.active.get(id);
    if (running) return { ...running.state };
    const controller = new AbortController();
    const entry: Active = { state: { hubId, revision, status: 'downloading', bytes: 0 }, controller, rate: new TransferRate(), lastEmit: 0, done: Promise.resolve() };
    this.active.set(id, entry);
    this.finished.delete(id);
    const settings = this.options.hub.downloadOptions(token);
    entry.done = downloadModel(hubId, { ...settings, revision, signal: controller.signal, onProgress: (p) => this.progress(entry, p) }).then(
      (result) => this.end(entry, { status: 'completed', commit: result.commit, bytes: entry.state.totalBytes ?? entry.state.bytes, ...(result.warnings.length ? { warnings: result.warnings } : {}) }),
      (error: unknown) => {
        const kind = error instanceof HubError ? error.kind : undefined;
        const message = error instanceof Error ? error.message : String(error);
        this.end(entry, { status: kind === 'cancelled' ? 'cancelled' : 'failed', error: message, ...(kind ? { errorKind: kind } : {}) });
      },
    );
    this.emit(entry.state);
    return { ...entry.state };
  }

  cancel(hubIdInput: string, revisionInput: string | undefined): DownloadState {
    const { hubId, revision } = checked(hubIdInput, revisionInput);
    const running = this.active.get(key(hubId, revision));
    if (!running) {
      const last = this.finished.get(key(hubId, revision));
      if (last) return last;
      throw new ServiceError(`${hubId} (${revision}) is not downloading`);
    }
    running.controller.abort();
    return { ...running.state };
  }

  list(): DownloadState[] {
    return [...this.finished.values(), ...[...this.active.values()].map((a) => ({ ...a.state }))];
  }

  /** Waits for a download to end (tests, shutdown). */
  async settled(hubId: string, revision = DEFAULT_REVISION): Promise<DownloadState | undefined> {
    await this.active.get(key(hubId, revision))?.done;
    return this.finished.get(key(hubId, revision));
  }

  /** Stops every download (the service is closing); what arrived stays for the next start. */
  async close(): Promise<void> {
    const running = [...this.active.values()];
    for (const entry of running) entry.controller.abort();
    await Promise.all(running.map((entry) => entry.done));
  }

  private progress(entry: Active, p: DownloadProgress): void {
    const now = this.now();
    entry.rate.add(now, p.overall.bytes);
    const estimate = entry.rate.estimate(p.overall.totalBytes);
    const state: DownloadState = { hubId: entry.state.hubId, revision: entry.state.revision, status: 'downloading', file: p.file, bytes: p.overall.bytes };
    if (p.overall.totalBytes !== undefined) state.totalBytes = p.overall.totalBytes;
    if (estimate.bytesPerSecond !== undefined) state.bytesPerSecond = estimate.bytesPerSecond;
    if (estimate.etaSeconds !== undefined) state.etaSeconds = estimate.etaSeconds;
    entry.state = state;
    if (now - entry.lastEmit >= EVENT_INTERVAL_MS || p.phase !== 'progress') {
      entry.lastEmit = now;
      this.emit(state);
    }
  }

  private end(entry: Active, patch: Partial<DownloadState>): void {
    const { bytesPerSecond: _speed, etaSeconds: _eta, file: _file, ...rest } = entry.state;
    const state: DownloadState = { ...rest, ...patch };
    const id = key(state.hubId, state.revision);
    this.active.delete(id);
    this.finished.set(id, state);
    while (this.finished.size > KEEP_FINISHED) this.finished.delete(this.finished.keys().next().value as string);
    this.emit(state);
  }

  private emit(state: DownloadState): void {
    this.options.emit({ type: 'model.download', download: { ...state } });
  }
}
