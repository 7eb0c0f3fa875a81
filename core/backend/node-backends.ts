// The backend chain under Node (the training worker, browser-mode server and CLI).
// Native TensorFlow packages are optional dependencies: on machines where their install
// could not download libtensorflow, importing them throws, and the chain moves on. The
// fast CPU path without libtensorflow is native-cpu, this project's own kernels over
// OpenBLAS (core/native-cpu), built on first use where a compiler and OpenBLAS are. WebGPU
// (any desktop GPU through Vulkan, Metal or Direct3D 12) comes right after CUDA, but only on
// a real GPU: a software adapter is slower than the CPU paths (webgpu-node.ts).
import { existsSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { NATIVE_CPU_BACKEND } from '../native-cpu/backend';
import { ensureNativeCpuAddon, registerNativeCpuBackendNode } from '../native-cpu/native-cpu-node';
import * as tf from '../tf';
import { BackendUnavailableError, parseBackendName, selectBackend, type BackendCandidate, type BackendChoice } from './select';
import { withoutAddedProcessHandlers } from './process-handlers-node';
import { loadWebGpuBackend } from './webgpu-node';

interface NodeBackendWithDevice {
  isUsingGpuDevice?: boolean;
}

async function activate(tfName: string): Promise<void> {
  const ok = await tf.setBackend(tfName);
  if (!ok) throw new Error(`tf.setBackend('${tfName}') failed to initialise`);
  await tf.ready();
}

const require = createRequire(import.meta.url);

/**
 * tfjs-node keeps libtensorflow's binding in lib/napi-v*; npm leaves it out when the
 * install script could not download it (offline machines, or `ignore-scripts` as in our
 * .npmrc). Checking first gives a clear reason and keeps a half-loaded package from
 * registering its kernels.
 */
function nativeBindingPresent(packageName: string): boolean {
  const packageDir = path.dirname(require.resolve(`${packageName}/package.json`));
  const lib = path.join(packageDir, 'lib');
  return existsSync(lib) && readdirSync(lib).some((dir) => existsSync(path.join(lib, dir, 'tfjs_binding.node')));
}

// Package names go through a variable so that bundlers leave the optional imports alone.
async function importOptional(packageName: string): Promise<void> {
  try {
    require.resolve(`${packageName}/package.json`);
  } catch {
    throw new Error(`${packageName} is not installed`);
  }
  if (!nativeBindingPresent(packageName)) {
    throw new Error(`${packageName} is installed without its native library (run \`npm run setup:native\` on a machine with internet)`);
  }
  await import(/* @vite-ignore */ packageName);
}

export const nodeBackendCandidates: readonly BackendCandidate[] = [
  {
    name: 'tensorflow-gpu',
    description: 'TensorFlow C library with CUDA (@tensorflow/tfjs-node-gpu)',
    async load() {
      await importOptional('@tensorflow/tfjs-node-gpu');
      await activate('tensorflow');
      const backend = tf.backend() as unknown as NodeBackendWithDevice;
      if (!backend.isUsingGpuDevice) {
        throw new Error('libtensorflow loaded but found no usable CUDA GPU');
      }
    },
  },
  {
    name: 'webgpu',
    description: 'WebGPU over Dawn (@tensorflow/tfjs-backend-webgpu)',
    load: loadWebGpuBackend,
  },
  {
    name: 'tensorflow',
    description: 'TensorFlow C library on the CPU (@tensorflow/tfjs-node)',
    async load() {
      await importOptional('@tensorflow/tfjs-node');
      await activate('tensorflow');
    },
  },
  {
    name: 'native-cpu',
    description: 'native CPU kernels over OpenBLAS (core/native-cpu)',
    async load() {
      const buildSeconds = await ensureNativeCpuAddon();
      const { threads, blas } = registerNativeCpuBackendNode().info();
      await activate(NATIVE_CPU_BACKEND);
      const detail = `${threads} thread${threads === 1 ? '' : 's'}, ${blas}`;
      return buildSeconds === undefined ? { detail } : { detail, note: `built on first use in ${buildSeconds.toFixed(0)} s` };
    },
  },
  {
    name: 'wasm',
    description: 'WebAssembly with SIMD (@tensorflow/tfjs-backend-wasm)',
    load: () => activate('wasm'),
  },
  {
    name: 'cpu',
    description: 'plain JavaScript (@tensorflow/tfjs-backend-cpu)',
    load: () => activate('cpu'),
  },
];

let chosen: Promise<BackendChoice> | undefined;

/**
 * Selects the backend once per process; later calls get the same choice. A later call
 * that asks for another backend is refused, saying so, rather than silently given the
 * one this process already runs on (TensorFlow.js cannot move tensors between them).
 */
export function initNodeBackend(forced: string | undefined = process.env.WORKBENCH_BACKEND): Promise<BackendChoice> {
  if (!chosen) {
    chosen = withoutAddedProcessHandlers(() => selectBackend(nodeBackendCandidates, forced));
    return chosen;
  }
  if (forced === undefined || forced.trim() === '') return chosen;
  const wanted = parseBackendName(forced);
  return chosen.then((choice) => {
    if (choice.name !== wanted) throw new BackendUnavailableError(`this process already runs on ${choice.name}; the ${wanted} backend (WORKBENCH_BACKEND or --backend) applies from the start of a process`, []);
    return choice;
  });
}
