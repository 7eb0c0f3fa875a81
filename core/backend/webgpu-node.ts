// WebGPU under Node: TensorFlow.js's WebGPU kernels on Dawn (the `webgpu` package), which
// drives Vulkan on Linux, Metal on macOS and Direct3D 12 on Windows, so any desktop GPU
// with a current driver trains, not only CUDA ones.
//
// Node has no `navigator.gpu`: Dawn provides one, and it must exist before
// @tensorflow/tfjs-backend-webgpu loads, which looks for it. Reads are asynchronous only:
// the backend's dataSync() copies through an OffscreenCanvas, which Node lacks, so the
// core reads tensors with `await data()` / `array()`.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import * as tf from '../tf';
import { adapterLabel, type GpuAdapter, type LoadedBackend } from './select';

// WebGPU's defaults are small (a 128 MiB storage binding, 256 MiB buffers); BERT-Large's
// word embeddings alone are 125 MB, its MLM logits more. A device gets what it asks for, so
// ask for everything the adapter has.
const RAISED_LIMITS = [
  'maxStorageBufferBindingSize',
  'maxBufferSize',
  'maxComputeWorkgroupStorageSize',
  'maxComputeInvocationsPerWorkgroup',
  'maxComputeWorkgroupSizeX',
  'maxComputeWorkgroupsPerDimension',
] as const;

// How drivers name software rasterisers, for Dawn builds whose adapter info lacks isFallbackAdapter.
const SOFTWARE_ADAPTER = /llvmpipe|lavapipe|swiftshader|softpipe|microsoft basic render|\bwarp\b|^software$/i;

let adapterRequest: Promise<GPUAdapter> | undefined;
let registration: Promise<void> | undefined;

/**
 * Activates the WebGPU backend on the system's high-performance adapter. A software adapter
 * is refused unless `forced` (WORKBENCH_BACKEND=webgpu): it trains correctly but slower than
 * the CPU backends, so the chain moves on to those.
 */
export async function loadWebGpuBackend({ forced }: { forced: boolean }): Promise<LoadedBackend> {
  if (!forced) refuseSoftwareAdapterUnseen();
  const adapter = await (adapterRequest ??= requestAdapter());
  const info = describeAdapter(adapter);
  if (info.fallback && !forced) {
    throw new Error(`the only WebGPU adapter is ${adapterLabel(info)}, slower than the CPU backends (WORKBENCH_BACKEND=webgpu uses it anyway)`);
  }
  await (registration ??= registerBackend(adapter));
  if (!(await tf.setBackend('webgpu'))) throw new Error("tf.setBackend('webgpu') failed to initialise");
  await tf.ready();
  return { adapter: info };
}

/**
 * The automatic chain looks at the adapter in a short-lived child process first: Dawn
 * prints driver warnings straight to the process's stderr when it opens some adapters
 * (lavapipe, common on GPU-less Linux desktops, prints two on every start), and a person
 * running a CLI command on the CPU should not see noise about a GPU path not taken.
 */
function refuseSoftwareAdapterUnseen(): void {
  if (process.platform === 'linux' && !vulkanLoaderInstalled()) return; // requestAdapter says why, without Dawn
  const webgpuEntry = pathToFileURL(createRequire(import.meta.url).resolve('webgpu')).href;
  const probe = `const { create } = await import(${JSON.stringify(webgpuEntry)});
const adapter = await create([]).requestAdapter({ powerPreference: 'high-performance' });
const info = adapter && adapter.info;
console.log(JSON.stringify(info ? { vendor: info.vendor, architecture: info.architecture, device: info.device, description: info.description, isFallbackAdapter: info.isFallbackAdapter ?? adapter.isFallbackAdapter } : null));
process.exit(0);`;
  const result = spawnSync(process.execPath, ['--input-type=module', '-e', probe], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 30_000 });
  const line = result.stdout?.trim().split('\n').pop();
  if (result.status !== 0 || !line) return; // the in-process request reports what is wrong
  const seen = JSON.parse(line) as (Omit<GpuAdapter, 'fallback'> & { isFallbackAdapter?: boolean }) | null;
  if (!seen) throw new Error('WebGPU found no GPU adapter (no Vulkan, Metal or Direct3D 12 driver for a GPU)');
  const info = classifyAdapter(seen, seen.isFallbackAdapter);
  if (info.fallback) throw new Error(`the only WebGPU adapter is ${adapterLabel(info)}, slower than the CPU backends (WORKBENCH_BACKEND=webgpu uses it anyway)`);
}

async function requestAdapter(): Promise<GPUAdapter> {
  if (process.platform === 'linux' && !vulkanLoaderInstalled()) {
    throw new Error('the Vulkan loader libvulkan.so.1 is not installed (Debian/Ubuntu: apt install libvulkan1 and the GPU\'s Vulkan driver)');
  }
  const gpu = await installNavigatorGpu();
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) throw new Error('WebGPU found no GPU adapter (no Vulkan, Metal or Direct3D 12 driver for a GPU)');
  return adapter;
}

/** Dawn loads libvulkan.so.1 by name; where it is missing Dawn prints a warning and finds nothing, so look first and say what to install. */
function vulkanLoaderInstalled(): boolean {
  const dirs = (process.env.LD_LIBRARY_PATH ?? '').split(':').filter(Boolean);
  if (dirs.some((dir) => existsSync(path.join(dir, 'libvulkan.so.1')))) return true;
  try {
    return readFileSync('/etc/ld.so.cache').includes('libvulkan.so.1');
  } catch {
    return false; // no linker cache: not a glibc system, which Dawn's binaries need anyway
  }
}

async function installNavigatorGpu(): Promise<GPU> {
  const host = globalThis as { navigator?: { gpu?: GPU } };
  if (host.navigator?.gpu) return host.navigator.gpu;
  const { create, globals } = await import('webgpu');
  // GPUBufferUsage, GPUMapMode, …: browser globals the backend uses.
  for (const [name, value] of Object.entries(globals)) if (!(name in globalThis)) Object.assign(globalThis, { [name]: value });
  const gpu = create([]);
  // Node 21+ has a navigator without gpu; Node 20 has none.
  if (host.navigator) Object.defineProperty(host.navigator, 'gpu', { value: gpu, configurable: true });
  else Object.defineProperty(globalThis, 'navigator', { value: { gpu }, configurable: true, writable: true });
  return gpu;
}

function describeAdapter(adapter: GPUAdapter): GpuAdapter {
  // isFallbackAdapter moved from the adapter to its info; Dawn builds differ in which they have.
  const flagged = (adapter.info as { isFallbackAdapter?: boolean }).isFallbackAdapter ?? (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter;
  return classifyAdapter(adapter.info, flagged);
}

function classifyAdapter(info: Omit<GpuAdapter, 'fallback'>, flaggedFallback: boolean | undefined): GpuAdapter {
  const { vendor, architecture, device, description } = info;
  const fallback = flaggedFallback === true || [vendor, architecture, device, description].some((text) => SOFTWARE_ADAPTER.test(text));
  return { vendor, architecture, device, description, fallback };
}

/** Registers a factory that builds the backend on `adapter`, in place of the package's own, which would request an adapter of its own. */
async function registerBackend(adapter: GPUAdapter): Promise<void> {
  const requiredLimits: Record<string, number> = {};
  for (const name of RAISED_LIMITS) requiredLimits[name] = adapter.limits[name];
  const device = await adapter.requestDevice({ requiredLimits });
  const { WebGPUBackend } = await import('@tensorflow/tfjs-backend-webgpu');
  tf.removeBackend('webgpu');
  tf.registerBackend('webgpu', () => {
    const backend = new WebGPUBackend(device, adapter.info);
    refuseOversizedBuffers(backend, device.limits);
    explainSyncReads(backend);
    return backend;
  });
}

/**
 * WebGPU reports a buffer beyond the device's limits as an asynchronous validation error,
 * and the kernel that needed it silently computes nothing. Checking each allocation turns
 * that into an error at the op, naming the limit.
 */
function refuseOversizedBuffers(backend: WebGPUBackend, limits: GPUSupportedLimits): void {
  const manager = backend.bufferManager;
  const acquire = manager.acquireBuffer.bind(manager);
  manager.acquireBuffer = (size, usage, ...rest) => {
    const storage = (usage & GPUBufferUsage.STORAGE) !== 0;
    const [limit, max] = storage && size > limits.maxStorageBufferBindingSize ? ['maxStorageBufferBindingSize', limits.maxStorageBufferBindingSize] : ['maxBufferSize', limits.maxBufferSize];
    if (size > max) {
      throw new Error(`a ${mib(size)} tensor exceeds this GPU's WebGPU limit ${limit} (${mib(max)}); use a smaller batch, a shorter sequence length or another backend`);
    }
    return acquire(size, usage, ...rest);
  };
}

/** dataSync() and arraySync() fail under Node with "OffscreenCanvas is not defined"; say what to use instead. */
function explainSyncReads(backend: WebGPUBackend): void {
  const readSync = backend.readSync.bind(backend);
  backend.readSync = (dataId) => {
    try {
      return readSync(dataId);
    } catch (error) {
      if (!(error instanceof ReferenceError)) throw error;
      throw new Error('dataSync() and arraySync() cannot read a WebGPU tensor under Node: read it with `await tensor.data()` or `array()`');
    }
  };
}

function mib(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}
