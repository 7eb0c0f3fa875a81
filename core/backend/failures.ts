// A backend's own failure, in words. Emscripten aborts a wasm module that runs out of
// its heap with "Aborted(). Build with -sASSERTIONS for more info." or a "memory access
// out of bounds" RuntimeError; V8 says "Array buffer allocation failed"; a GPU loses its
// device. None of these tells a person what happened or what to do.
export interface BackendFailure {
  /** The sentence to show instead of the raw message. */
  message: string;
}

const OUT_OF_MEMORY: readonly [RegExp, (backend: string) => string][] = [
  [/Aborted\(|memory access out of bounds|Cannot enlarge memory|WebAssembly\.Memory|Out of bounds memory access/i, (backend) => `the ${backend} backend ran out of its memory (WebAssembly's heap stops at 4 GiB)`],
  [/Array buffer allocation failed|Invalid typed array length|bad_alloc|JavaScript heap out of memory/i, (backend) => `the ${backend} backend could not allocate memory (the machine's memory is used up)`],
  [/device (was )?lost|GPUOutOfMemoryError|out of memory/i, (backend) => `the ${backend} backend ran out of GPU memory`],
];

/** A sentence for a failure inside a backend, or undefined when the error is something else (and already says what). */
export function describeBackendFailure(error: unknown, backend: string): BackendFailure | undefined {
  const raw = error instanceof Error ? error.message : String(error);
  for (const [pattern, describe] of OUT_OF_MEMORY) {
    if (!pattern.test(raw)) continue;
    const said = raw.split('\n')[0]!.trim().slice(0, 120);
    const remedy = backend === 'wasm' ? 'lower batch_size or max_seq_length, turn gradient_checkpointing on, or build the native CPU backend (npm run build:native), which has no such limit' : 'lower batch_size or max_seq_length, or turn gradient_checkpointing on';
    return { message: `${describe(backend)}; it said “${said}”: ${remedy}` };
  }
  return undefined;
}
