// The backend chain under Node (the training worker, browser-mode server and CLI).
// Native TensorFlow packages are optional dependencies: on machines where their install
// could not download libtensorflow, importing them throws, and the chain moves on.
import * as tf from '../tf';
import { selectBackend, type BackendCandidate, type BackendChoice } from './select';

interface NodeBackendWithDevice {
  isUsingGpuDevice?: boolean;
}

async function activate(tfName: string): Promise<void> {
  const ok = await tf.setBackend(tfName);
  if (!ok) throw new Error(`tf.setBackend('${tfName}') failed to initialise`);
  await tf.ready();
}

// Package names go through a variable so that bundlers leave the optional imports alone.
async function importOptional(packageName: string): Promise<void> {
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
    name: 'tensorflow',
    description: 'TensorFlow C library on the CPU (@tensorflow/tfjs-node)',
    async load() {
      await importOptional('@tensorflow/tfjs-node');
      await activate('tensorflow');
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

/** Selects the backend once per process; later calls get the same choice. */
export function initNodeBackend(forced: string | undefined = process.env.WORKBENCH_BACKEND): Promise<BackendChoice> {
  chosen ??= selectBackend(nodeBackendCandidates, forced);
  return chosen;
}
