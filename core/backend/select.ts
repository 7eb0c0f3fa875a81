// Backend selection: try candidates in order of speed, take the first that loads, and
// say why. `WORKBENCH_BACKEND` forces one candidate and fails loudly if it cannot load,
// because a person who asks for the GPU must not silently get the CPU.

export const BACKEND_NAMES = ['tensorflow-gpu', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendName = (typeof BACKEND_NAMES)[number];

/** One way of running TensorFlow.js. `load` activates it or throws why it cannot. */
export interface BackendCandidate {
  name: BackendName;
  /** What a person sees, e.g. "TensorFlow C library with CUDA". */
  description: string;
  load(): Promise<void>;
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
    try {
      await candidate.load();
    } catch (error) {
      const attempt = { name, error: messageOf(error) };
      throw new BackendUnavailableError(
        `WORKBENCH_BACKEND=${name} was requested, but ${candidate.description} could not be loaded: ${attempt.error}`,
        [attempt],
      );
    }
    return { name, description: candidate.description, reason: `forced by WORKBENCH_BACKEND=${name}`, skipped: [] };
  }

  const skipped: BackendAttempt[] = [];
  for (const candidate of candidates) {
    try {
      await candidate.load();
    } catch (error) {
      skipped.push({ name: candidate.name, error: messageOf(error) });
      continue;
    }
    const reason =
      skipped.length === 0
        ? 'first choice of the backend chain'
        : `first that loaded; skipped ${skipped.map((s) => `${s.name} (${s.error})`).join('; ')}`;
    return { name: candidate.name, description: candidate.description, reason, skipped };
  }
  throw new BackendUnavailableError(
    `No TensorFlow.js backend could be loaded: ${skipped.map((s) => `${s.name}: ${s.error}`).join('; ')}`,
    skipped,
  );
}
