// Backend selection: try candidates in order of speed, take the first that loads, and
// say why. `WORKBENCH_BACKEND` forces one candidate and fails loudly if it cannot load,
// because a person who asks for the GPU must not silently get the CPU.

export const BACKEND_NAMES = ['tensorflow-gpu', 'webgpu', 'tensorflow', 'native-cpu', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** The GPU a backend runs on, as WebGPU reports it (empty strings where the driver says nothing). */
export interface GpuAdapter {
  vendor: string;
  architecture: string;
  device: string;
  description: string;
  /** A software rasteriser (lavapipe, SwiftShader, WARP): correct, but slower than the CPU backends. */
  fallback: boolean;
}

/** What a candidate found while loading, beyond its static description. */
export interface LoadedBackend {
  adapter?: GpuAdapter;
  /** Something loading did that the person should know, e.g. "built on first use in 21 s". */
  note?: string;
  /** What this machine's build of it is, e.g. "2 threads, OpenBLAS 0.3.21 … Haswell"; added to the description. */
  detail?: string;
}

/** One way of running TensorFlow.js. `load` activates it or throws why it cannot. */
export interface BackendCandidate {
  name: BackendName;
  /** What a person sees, e.g. "TensorFlow C library with CUDA". */
  description: string;
  /** `forced`: WORKBENCH_BACKEND asked for this one, so it may run where the chain would pass it by (a software GPU). */
  load(options: { forced: boolean }): Promise<void | LoadedBackend>;
}

export interface BackendAttempt {
  name: BackendName;
  error: string;
}

export interface BackendChoice {
  name: BackendName;
  description: string;
  /** Why this backend runs: forced by the environment, or the first in the chain that loaded. */
  reason: string;
  /** Candidates tried before this one, with what stopped each. */
  skipped: BackendAttempt[];
  /** The GPU, for the WebGPU backend. */
  adapter?: GpuAdapter;
}

export class BackendUnavailableError extends Error {
  constructor(
    message: string,
    readonly attempts: BackendAttempt[],
  ) {
    super(message);
    this.name = 'BackendUnavailableError';
  }
}

export function parseBackendName(value: string): BackendName {
  const name = value.trim().toLowerCase();
  if ((BACKEND_NAMES as readonly string[]).includes(name)) return name as BackendName;
  throw new BackendUnavailableError(
    `WORKBENCH_BACKEND=${value} is not a backend; use one of ${BACKEND_NAMES.join(', ')}.`,
    [],
  );
}

/** E.g. "nvidia ampere (NVIDIA: 550.54)", or "mesa software llvmpipe-… (llvmpipe: Mesa 25.0.7 …), a software adapter". */
export function adapterLabel(adapter: GpuAdapter): string {
  const name = [adapter.vendor, adapter.architecture, adapter.device].filter(Boolean).join(' ') || 'an unnamed adapter';
  const described = adapter.description ? `${name} (${adapter.description})` : name;
  return adapter.fallback ? `${described}, a software adapter` : described;
}

/** The choice as one line for logs and the CLI: name, what it runs on, and why. */
/** The choice as plain data, for run.json, training events and the UI. */
export interface BackendDescription {
  name: BackendName;
  description: string;
  reason: string;
  adapter?: GpuAdapter;
}

export function describeChoice(choice: BackendChoice): BackendDescription {
  const { name, description, reason, adapter } = choice;
  return { name, description, reason, ...(adapter ? { adapter } : {}) };
}

export function backendSummary(choice: BackendChoice): string {
  return `${choice.name} — ${choice.description} (${choice.reason})`;
}

function chosen(candidate: BackendCandidate, loaded: void | LoadedBackend, why: string, skipped: BackendAttempt[]): BackendChoice {
  const adapter = loaded?.adapter;
  const described = loaded?.detail ? `${candidate.description}: ${loaded.detail}` : candidate.description;
  const description = adapter ? `${described} on ${adapterLabel(adapter)}` : described;
  const reason = loaded?.note ? `${why}; ${loaded.note}` : why;
  return { name: candidate.name, description, reason, skipped, ...(adapter ? { adapter } : {}) };
}

function messageOf(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0] ?? text;
}

/**
 * Loads the forced backend, or the first candidate of the chain that loads.
 * @param forced the value of WORKBENCH_BACKEND, if set
 */
export async function selectBackend(
  candidates: readonly BackendCandidate[],
  forced?: string,
): Promise<BackendChoice> {
  if (forced !== undefined && forced.trim() !== '') {
    const name = parseBackendName(forced);
    const candidate = candidates.find((c) => c.name === name);
    if (!candidate) {
      throw new BackendUnavailableError(`WORKBENCH_BACKEND=${name} is not available on this platform.`, []);
    }
    let loaded: void | LoadedBackend;
    try {
      loaded = await candidate.load({ forced: true });
    } catch (error) {
      const attempt = { name, error: messageOf(error) };
      throw new BackendUnavailableError(
        `WORKBENCH_BACKEND=${name} was requested, but ${candidate.description} could not be loaded: ${attempt.error}`,
        [attempt],
      );
    }
    return chosen(candidate, loaded, `forced by WORKBENCH_BACKEND=${name}`, []);
  }

  const skipped: BackendAttempt[] = [];
  for (const candidate of candidates) {
    let loaded: void | LoadedBackend;
    try {
      loaded = await candidate.load({ forced: false });
    } catch (error) {
      skipped.push({ name: candidate.name, error: messageOf(error) });
      continue;
    }
    const reason =
      skipped.length === 0
        ? 'first choice of the backend chain'
        : `first that loaded; skipped ${skipped.map((s) => `${s.name} (${s.error})`).join('; ')}`;
    return chosen(candidate, loaded, reason, skipped);
  }
  throw new BackendUnavailableError(
    `No TensorFlow.js backend could be loaded: ${skipped.map((s) => `${s.name}: ${s.error}`).join('; ')}`,
    skipped,
  );
}
