// Reading and writing tensor data of the cpu backend's storage, which native-cpu shares:
// every tensor is a JavaScript typed array, so the addon works on it in place and memory
// is ordinary Node memory (no 4 GB WebAssembly ceiling).
import * as tf from '../../tf';
import type { NativeCpuBinding } from '../binding';
import type { BufferPool } from '../buffer-pool';

/** What every native kernel works with: the addon, and the pool its outputs come from. */
export interface NativeContext {
  binding: NativeCpuBinding;
  pool: BufferPool;
  /** Calls that fell back to the cpu backend's kernel, by kernel name (for tests and profiles). */
  fallbacks: Map<string, number>;
}

interface StoredData {
  values?: unknown;
}

/** The parts of tfjs-backend-cpu's MathBackendCPU that the native kernels use. */
export interface CpuStorageBackend extends tf.KernelBackend {
  data: { get(dataId: tf.DataId): StoredData | undefined };
  makeTensorInfo(shape: number[], dtype: tf.DataType, values?: tf.backend_util.BackendValues): tf.TensorInfo;
  disposeIntermediateTensorInfo(info: tf.TensorInfo): void;
}

export function storageOf(backend: unknown): CpuStorageBackend {
  return backend as CpuStorageBackend;
}

/** The float32 values of a tensor, or undefined when it is another dtype (the caller falls back). */
export function floatValues(backend: CpuStorageBackend, info: tf.TensorInfo): Float32Array | undefined {
  if (info.dtype !== 'float32') return undefined;
  const values = backend.data.get(info.dataId)?.values;
  return values instanceof Float32Array ? values : undefined;
}

/** The int32 values of a tensor, or undefined when it is another dtype. */
export function intValues(backend: CpuStorageBackend, info: tf.TensorInfo): Int32Array | undefined {
  if (info.dtype !== 'int32') return undefined;
  const values = backend.data.get(info.dataId)?.values;
  return values instanceof Int32Array ? values : undefined;
}

/** The float32 values of a custom kernel's input, which has no cpu fallback: anything else is a caller's error. */
export function requireFloats(backend: CpuStorageBackend, info: tf.TensorInfo, kernelName: string, name: string): Float32Array {
  const values = floatValues(backend, info);
  if (!values) throw new Error(`${kernelName}: ${name} must be a float32 tensor, got ${info.dtype}`);
  return values;
}

/** The int32 values of a custom kernel's input. */
export function requireInts(backend: CpuStorageBackend, info: tf.TensorInfo, kernelName: string, name: string): Int32Array {
  const values = intValues(backend, info);
  if (!values) throw new Error(`${kernelName}: ${name} must be an int32 tensor, got ${info.dtype}`);
  return values;
}

/** A kernel of this backend only (no cpu kernel of that name to fall back to). */
export function customKernel(kernelName: string, run: (args: NativeKernelArgs) => tf.TensorInfo | tf.TensorInfo[]): Omit<tf.KernelConfig, 'backendName'> {
  return {
    kernelName,
    kernelFunc: (params) => run({ inputs: params.inputs, backend: storageOf(params.backend), attrs: params.attrs ?? {} }),
  };
}

/** The data entry's reference count (tensors sharing it: reshapes, clones, a variable and its value). */
export function refCountOf(backend: CpuStorageBackend, info: tf.TensorInfo): number {
  return (backend as unknown as { refCount(dataId: tf.DataId): number }).refCount(info.dataId);
}

export function sizeOf(shape: readonly number[]): number {
  return shape.reduce((product, dim) => product * dim, 1);
}

/** Row-major strides of a shape. */
export function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length).fill(1);
  for (let i = shape.length - 2; i >= 0; i--) strides[i] = strides[i + 1]! * shape[i + 1]!;
  return strides;
}

/** Runs the cpu backend's own kernel: for dtypes and attributes the native kernels leave alone. */
export function cpuKernel(kernelName: string): tf.KernelFunc {
  const config = tf.getKernel(kernelName, 'cpu');
  if (!config) throw new Error(`the cpu backend has no ${kernelName} kernel`);
  return config.kernelFunc;
}

export interface NativeKernelArgs {
  inputs: tf.NamedTensorInfoMap;
  backend: CpuStorageBackend;
  attrs: tf.NamedAttrMap;
}

/**
 * A kernel for the native-cpu backend: `run` computes natively, or returns undefined for
 * cases it does not handle (another dtype, an unusual attribute), which then run on the
 * cpu backend's JavaScript kernel over the same storage.
 */
export function nativeKernel(ctx: NativeContext, kernelName: string, run: (args: NativeKernelArgs) => tf.TensorInfo | undefined): Omit<tf.KernelConfig, 'backendName'> {
  const fallback = cpuKernel(kernelName);
  return {
    kernelName,
    kernelFunc: (params) => {
      const args = { inputs: params.inputs, backend: storageOf(params.backend), attrs: params.attrs ?? {} };
      const result = run(args);
      if (result) return result;
      ctx.fallbacks.set(kernelName, (ctx.fallbacks.get(kernelName) ?? 0) + 1);
      return fallback(params);
    },
  };
}
