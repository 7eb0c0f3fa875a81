// Models loaded for the playground, one per run; the latest few stay loaded. Every use
// holds a reference: a model evicted (a third run was opened) or dropped (its run was
// deleted) while a prediction still runs on it is disposed when that prediction ends,
// never under it.

export interface Disposable {
  dispose(): void;
}

interface Entry<P extends Disposable> {
  predictor: Promise<P>;
  users: number;
  /** Out of the cache: dispose as soon as nobody uses it. */
  retired: boolean;
  disposed: boolean;
}

export class PredictorCache<P extends Disposable> {
  /** In use order: the first is the least recently used. */
  private readonly loaded = new Map<string, Entry<P>>();

  constructor(
    private readonly load: (modelDir: string) => Promise<P>,
    private readonly capacity = 2,
  ) {}

  /** Runs `work` with the run's predictor (loading it if need be) and releases it after. */
  async use<T>(runId: string, modelDir: string, work: (predictor: P) => Promise<T>): Promise<T> {
    const entry = this.acquire(runId, modelDir);
    try {
      return await work(await entry.predictor);
    } finally {
      entry.users -= 1;
      if (entry.retired) this.disposeIfUnused(entry);
    }
  }

  /** The run is gone (deleted): its predictor goes once no prediction uses it. */
  drop(runId: string): void {
    const entry = this.loaded.get(runId);
    if (entry) this.retire(runId, entry);
  }

  clear(): void {
    for (const [runId, entry] of [...this.loaded]) this.retire(runId, entry);
  }

  /** How many predictors are loaded and not yet disposed (for tests). */
  get size(): number {
    return this.loaded.size;
  }

  private acquire(runId: string, modelDir: string): Entry<P> {
    let entry = this.loaded.get(runId);
    if (entry) {
      this.loaded.delete(runId); // re-inserted below: now the most recently used
    } else {
      const predictor = this.load(modelDir);
      const created: Entry<P> = { predictor, users: 0, retired: false, disposed: false };
      predictor.catch(() => {
        if (this.loaded.get(runId) === created) this.loaded.delete(runId);
      });
      entry = created;
    }
    entry.users += 1;
    this.loaded.set(runId, entry);
    for (const [oldest, evicted] of this.loaded) {
      if (this.loaded.size <= this.capacity) break;
      this.retire(oldest, evicted);
    }
    return entry;
  }

  private retire(runId: string, entry: Entry<P>): void {
    if (this.loaded.get(runId) === entry) this.loaded.delete(runId);
    entry.retired = true;
    this.disposeIfUnused(entry);
  }

  private disposeIfUnused(entry: Entry<P>): void {
    if (entry.users > 0 || entry.disposed) return;
    entry.disposed = true;
    void entry.predictor.then(
      (predictor) => predictor.dispose(),
      () => {},
    );
  }
}
