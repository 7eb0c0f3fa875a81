// Connects a cpu-backend instance's storage to a BufferPool: every place where tensor
// data is stored, deleted or read out goes through the pool's bookkeeping.
import type * as tf from '../tf';
import type { BufferPool } from './buffer-pool';

/** MathBackendCPU's storage methods (tfjs-backend-cpu/dist/backend_cpu.d.ts). */
interface CpuStorageMethods {
  data: { get(dataId: tf.DataId): { values?: unknown } | undefined };
  write(values: unknown, shape: number[], dtype: tf.DataType): tf.DataId;
  move(dataId: tf.DataId, values: unknown, shape: number[], dtype: tf.DataType, refCount: number): void;
  disposeData(dataId: tf.DataId, force?: boolean): boolean;
  readSync(dataId: tf.DataId): unknown;
  dispose(): void;
}

/** Wraps the instance's own methods (not the class's: the plain cpu backend stays as it is). */
export function attachBufferPool(backend: tf.KernelBackend, pool: BufferPool): void {
  const storage = backend as unknown as CpuStorageMethods;
  const { write, move, disposeData, readSync, dispose } = storage;
  storage.write = function (values, shape, dtype) {
    pool.noteStored(values);
    return write.call(this, values, shape, dtype);
  };
  storage.move = function (dataId, values, shape, dtype, refCount) {
    pool.noteStored(values);
    move.call(this, dataId, values, shape, dtype, refCount);
  };
  storage.disposeData = function (dataId, force) {
    const values = this.data.get(dataId)?.values;
    const released = disposeData.call(this, dataId, force);
    if (released) pool.release(values);
    return released;
  };
  // `read` calls `this.readSync`, so this covers both.
  storage.readSync = function (dataId) {
    return pool.readable(readSync.call(this, dataId));
  };
  storage.dispose = function () {
    pool.clear();
    dispose.call(this);
  };
}
