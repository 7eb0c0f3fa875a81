// What the active backend cannot hold, whatever the machine's memory: WebAssembly's
// linear memory stops at 4 GiB (every tensor lives in it), and a WebGPU device refuses a
// buffer above its maxStorageBufferBindingSize. The pre-flight check (core/train/
// preflight.ts) compares a run's needs with these before the run starts.
export interface BackendLimits {
  backend: string;
  /** Bytes all tensors together may take (wasm: 4 GiB of linear memory). */
  heapBytes?: number;
  /** Bytes one tensor may take (WebGPU: the device's maxStorageBufferBindingSize). */
  tensorBytes?: number;
}

/** WebAssembly's memory32 ceiling: 65536 pages of 64 KiB. */
export const WASM_HEAP_BYTES = 4 * 2 ** 30;

/** The limits of a backend by name, as far as they are known without loading it. */
export function knownLimits(backend: string): BackendLimits {
  return backend === 'wasm' ? { backend, heapBytes: WASM_HEAP_BYTES } : { backend };
}
