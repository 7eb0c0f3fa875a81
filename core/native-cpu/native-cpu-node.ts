// Loads the compiled addon and registers the native-cpu backend. In a checkout the addon
// is core/native-cpu/build/Release/native_cpu.node, built on first use (build-native.mjs)
// where a compiler and OpenBLAS are present; the bundled app carries it, with its OpenBLAS,
// in dist/native (scripts/bundle-native.mjs). Where it is missing and cannot be built, the
// reason names what to install, and the backend chain moves on to wasm.
import { createRequire } from 'node:module';
import { totalmem } from 'node:os';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { NativeCpuBinding } from './binding';
import { registerNativeCpuBackend } from './backend';
import { nativeCpuAddonPath } from './addon-path-node';
import { ADDON_PATH as CHECKOUT_ADDON, addonIsCurrent, buildNativeCpu } from './build-native.mjs';
import { openBlasCoreType } from './openblas-core-node';


let loaded: NativeCpuBinding | undefined;

/**
 * Makes sure the addon exists and is current, building it on first use in a checkout. Resolves to how
 * many seconds a build took (undefined when none was needed); throws a sentence saying
 * what to install when it cannot be built here.
 */
export async function ensureNativeCpuAddon(): Promise<number | undefined> {
  const found = nativeCpuAddonPath();
  // The bundle's addon has no sources beside it; a checkout's is rebuilt when its sources changed.
  if (found && (found !== CHECKOUT_ADDON || addonIsCurrent())) return undefined;
  const result = await buildNativeCpu();
  if (!result.built) throw new Error(`the native CPU kernels are not built and cannot be built here: ${result.reason}`);
  return result.seconds;
}

/** The addon, loaded once; throws why it cannot be when it is missing or broken. */
export function loadNativeCpuBinding(): NativeCpuBinding {
  if (loaded) return loaded;
  const addon = nativeCpuAddonPath();
  if (!addon) {
    throw new Error('the native CPU kernels are not built (run `npm run build:native`; needs a C++ compiler and libopenblas-dev)');
  }
  const core = openBlasCoreType();
  if (core) process.env.OPENBLAS_CORETYPE = core; // read by OpenBLAS as the addon loads it
  try {
    loaded = createRequire(import.meta.url)(addon) as NativeCpuBinding;
  } catch (error) {
    // Typically a missing libopenblas.so.0 at run time, or an addon built for another Node ABI.
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new Error(`the native CPU kernels failed to load (${reason}); rebuild with \`npm run build:native\``);
  }
  return loaded;
}

/**
 * Released buffers kept for reuse: a quarter of the memory, at most 4 GB. BERT-Base
 * training (batch 8 in 4 micro-batches) ran at 1.12, 1.36 and 1.48 samples/s with 2, 3
 * and 4 GB, at the same peak RSS (4.8 GB): the peak is reached when the pool is drained.
 * WORKBENCH_NATIVE_POOL_MB overrides it.
 */
function maxPooledBytes(): number {
  const override = Number(process.env.WORKBENCH_NATIVE_POOL_MB);
  if (Number.isFinite(override) && override >= 0) return override * 2 ** 20;
  return Math.min(totalmem() / 4, 4 * 2 ** 30);
}

/**
 * V8's full garbage collection, which Node hides unless started with --expose-gc. The
 * flag can be set at run time and takes effect in a new context; it is switched off again
 * so that no other code sees a global `gc`.
 */
function garbageCollector(): (() => void) | undefined {
  const existing = (globalThis as { gc?: unknown }).gc;
  if (typeof existing === 'function') return existing as () => void;
  try {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as unknown;
    setFlagsFromString('--no-expose-gc');
    return typeof gc === 'function' ? (gc as () => void) : undefined;
  } catch {
    return undefined; // then V8 collects on its own schedule
  }
}

/**
 * WORKBENCH_THREADS: how many threads the kernels use (default: every core), e.g. to leave
 * cores to other work. Anything but a whole number from 1 to 256 is refused, by name.
 */
export function threadSetting(value = process.env.WORKBENCH_THREADS): number | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const threads = Number(value);
  if (!Number.isInteger(threads) || threads < 1 || threads > 256) throw new Error(`WORKBENCH_THREADS must be a whole number from 1 to 256, got "${value}"`);
  return threads;
}

let registered = false;

/** Loads the addon and registers the `native-cpu` backend (not yet activated); idempotent. */
export function registerNativeCpuBackendNode(): NativeCpuBinding {
  const binding = loadNativeCpuBinding();
  if (!registered) {
    const threads = threadSetting();
    if (threads !== undefined) binding.setThreads(threads);
    registerNativeCpuBackend(binding, { maxPooledBytes: maxPooledBytes(), collect: garbageCollector(), free: (buffer) => binding.detach(buffer) });
    registered = true;
  }
  return binding;
}
