// The backend runs train on, as a worker process finds it (electron/runs/backend-probe.ts):
// which backend, its limits and its measured throughput, probed once in a worker and kept
// in the workbench folder (backend-probe.json) for this machine and app version. The
// Overview and the backend badge show it, the Review step estimates time from it, and
// the pre-flight check compares a run with its limits.
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFileAtomic } from '../../core/io/atomic-write-node';
import { PROBE_FORMAT } from '../../core/backend/throughput-probe-format';
import { nativeCpuAddonPath } from '../../core/native-cpu/addon-path-node';
import type { BackendProbeResult } from '../runs/backend-probe';
import type { WorkerLauncher } from '../worker/launcher';
import type { WorkerToParent } from '../worker/protocol';
import packageJson from '../../package.json' with { type: 'json' };

/** A probe that has not answered in this time is given up (its worker killed). */
const PROBE_TIMEOUT_MS = 5 * 60_000;

interface CachedProbe {
  /** What the probe depends on: when any of it changes, the probe runs again. */
  key: string;
  result: BackendProbeResult;
}

function probeKey(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown';
  return JSON.stringify([packageJson.version, PROBE_FORMAT, cpu, os.cpus().length, process.env.WORKBENCH_BACKEND ?? '', nativeCpuAddonPath() !== undefined]);
}

export interface RunsBackendOptions {
  home: string;
  launchWorker: WorkerLauncher;
  /** Whether a run is training now: a probe then would measure a busy machine and slow the run down. */
  isTraining: () => boolean;
}

export class RunsBackend {
  private cached: CachedProbe | undefined;
  private loaded = false;
  private running: Promise<BackendProbeResult | undefined> | undefined;
  private readonly file: string;

  constructor(private readonly options: RunsBackendOptions) {
    this.file = path.join(options.home, 'backend-probe.json');
  }

  /** The latest probe that still applies, without probing. */
  async current(): Promise<BackendProbeResult | undefined> {
    if (!this.loaded) {
      this.loaded = true;
      try {
        this.cached = JSON.parse(await readFile(this.file, 'utf8')) as CachedProbe;
      } catch {
        this.cached = undefined; // none yet, or unreadable: probe again
      }
    }
    return this.cached?.key === probeKey() ? this.cached.result : undefined;
  }

  /** The probe, run in a worker when none applies (one at a time; undefined while a run trains or when the probe fails). */
  async probe(): Promise<BackendProbeResult | undefined> {
    const known = await this.current();
    if (known) return known;
    if (this.options.isTraining()) return undefined;
    this.running ??= this.probeInWorker().finally(() => {
      this.running = undefined;
    });
    return this.running;
  }

  /** The probe if it is known or arrives within `ms` (it keeps running in the background otherwise). */
  async probeWithin(ms: number): Promise<BackendProbeResult | undefined> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), ms)));
    try {
      return await Promise.race([this.probe(), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Whether a probe is under way now. */
  get probing(): boolean {
    return this.running !== undefined;
  }

  /** Forgets the probe (the native backend was just built): the next `probe` measures again. */
  invalidate(): void {
    this.cached = undefined;
    this.loaded = true;
  }

  private async probeInWorker(): Promise<BackendProbeResult | undefined> {
    const result = await new Promise<BackendProbeResult | undefined>((resolve) => {
      const worker = this.options.launchWorker();
      const timer = setTimeout(() => worker.kill(), PROBE_TIMEOUT_MS);
      worker.onMessage((message) => {
        const reply = message as WorkerToParent;
        if (reply.type === 'probe') resolve(reply.result);
        if (reply.type === 'probe-failed') resolve(undefined);
      });
      worker.onExit(() => {
        clearTimeout(timer);
        resolve(undefined);
      });
      worker.send({ type: 'probe' });
    });
    if (!result) return undefined;
    const cached = { key: probeKey(), result };
    await writeFileAtomic(this.file, JSON.stringify(cached, null, 2) + '\n').catch(() => {}); // a cache: losing it costs one probe
    // Known in memory once it is on disk: a caller that sees the probe finds the file too.
    this.cached = cached;
    return result;
  }
}
