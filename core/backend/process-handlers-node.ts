// Loading a backend must not change how this process dies. Emscripten's glue in the wasm
// backend registers `process.on('unhandledRejection', (r) => { throw r })` and an
// uncaughtException handler that rethrows: from then on any stray rejection anywhere in
// the process — the service's, a relay's — ends it. Whatever handlers a backend adds
// while it loads are removed again; the process keeps the policy its owner chose.
const EVENTS = ['unhandledRejection', 'uncaughtException'] as const;

type Listener = (...args: unknown[]) => void;

// process.listeners/removeListener are overloaded per event name; one untyped view serves both events.
const emitter = process as unknown as { listeners(event: string): Listener[]; removeListener(event: string, listener: Listener): void };

export async function withoutAddedProcessHandlers<T>(load: () => Promise<T>): Promise<T> {
  const before = new Map(EVENTS.map((event) => [event, new Set(emitter.listeners(event))]));
  try {
    return await load();
  } finally {
    for (const event of EVENTS) {
      for (const listener of emitter.listeners(event)) {
        if (!before.get(event)?.has(listener)) emitter.removeListener(event, listener);
      }
    }
  }
}
