// The `native-cpu` TensorFlow.js backend: tfjs-backend-cpu's storage and kernels, with
// the kernels that dominate a BERT step replaced by native code (OpenBLAS GEMMs, and
// threaded element-wise loops). Tensors stay JavaScript typed arrays, so memory is
// ordinary Node memory: BERT-Large fits where wasm's 4 GB heap does not.
//
// Platform-neutral: the addon is passed in (see native-cpu-node.ts, which loads it).
import * as tf from '../tf';
import type { NativeCpuBinding } from './binding';
import { BufferPool, type BufferPoolOptions, type BufferPoolStats } from './buffer-pool';
import { attentionKernels } from './kernels/attention';
import { crossEntropyKernels } from './kernels/cross-entropy';
import { dropoutKernels } from './kernels/dropout';
import { elementwiseKernels } from './kernels/elementwise';
import { fillKernels } from './kernels/fill';
import { gatherKernels } from './kernels/gather';
import { geluKernels } from './kernels/gelu';
import { layerNormKernels } from './kernels/layer-norm';
import { matmulKernels } from './kernels/matmul';
import { optimizerKernels } from './kernels/optimizer';
import { reduceKernels } from './kernels/reduce';
import { sliceKernels } from './kernels/slice';
import { softmaxKernels } from './kernels/softmax';
import { stepEndKernels } from './kernels/step-end';
import type { NativeContext } from './kernels/storage';
import { transposeKernels } from './kernels/transpose';
import { attachBufferPool } from './pooled-storage';

export const NATIVE_CPU_BACKEND = 'native-cpu';

/** Lower than cpu (1) and wasm (2): TF.js never picks it by itself; the backend chain does. */
const PRIORITY = 0;

/** How output buffers are recycled and dead ones collected (see buffer-pool.ts). */
export type NativeCpuOptions = BufferPoolOptions;

function nativeKernelConfigs(ctx: NativeContext) {
  return [
    ...matmulKernels(ctx),
    ...elementwiseKernels(ctx),
    ...softmaxKernels(ctx),
    ...reduceKernels(ctx),
    ...transposeKernels(ctx),
    ...sliceKernels(ctx),
    ...gatherKernels(ctx),
    ...optimizerKernels(ctx),
    ...fillKernels(ctx),
    // The fused chains of a BERT step (core/native-cpu/fused-ops.ts gives them gradients).
    ...dropoutKernels(ctx),
    ...layerNormKernels(ctx),
    ...geluKernels(ctx),
    ...attentionKernels(ctx),
    ...crossEntropyKernels(ctx),
    ...stepEndKernels(ctx),
  ];
}

let registered: { ctx: NativeContext } | undefined;

export interface NativeCpuStats {
  buffers: BufferPoolStats;
  /** Calls that ran the cpu backend's JavaScript kernel instead (another dtype, an unusual attribute). */
  fallbacks: Record<string, number>;
}

/** How the native kernels have been running in this process; undefined before registration. */
export function nativeCpuStats(): NativeCpuStats | undefined {
  if (!registered) return undefined;
  return { buffers: registered.ctx.pool.stats(), fallbacks: Object.fromEntries(registered.ctx.fallbacks) };
}

interface QuietCpuBackend {
  /** MathBackendCPU prints "install tfjs-node to speed things up" on first use; native-cpu is that speed-up. */
  firstUse: boolean;
}

/**
 * Registers the backend and its kernels (idempotent). The backend object is a fresh
 * instance of the cpu backend class, obtained through its registered factory so that
 * core/tf.ts stays the only place that imports TensorFlow.js packages.
 */
export function registerNativeCpuBackend(binding: NativeCpuBinding, options: NativeCpuOptions): void {
  if (registered) return;
  const cpuFactory = tf.findBackendFactory('cpu');
  if (!cpuFactory) throw new Error('the cpu backend is not registered (core/tf.ts imports it)');
  const ctx: NativeContext = { binding, pool: new BufferPool(options), fallbacks: new Map() };
  tf.registerBackend(
    NATIVE_CPU_BACKEND,
    async () => {
      const backend = await cpuFactory();
      (backend as unknown as QuietCpuBackend).firstUse = false;
      attachBufferPool(backend, ctx.pool);
      return backend;
    },
    PRIORITY,
  );
  const native = nativeKernelConfigs(ctx);
  const nativeNames = new Set(native.map((config) => config.kernelName));
  registered = { ctx };
  for (const config of native) tf.registerKernel({ ...config, backendName: NATIVE_CPU_BACKEND });
  // Everything else runs the cpu backend's JavaScript kernels on the same storage.
  for (const config of tf.getKernelsForBackend('cpu')) {
    if (!nativeNames.has(config.kernelName)) tf.registerKernel({ ...config, backendName: NATIVE_CPU_BACKEND });
  }
}
