// Loading the wasm backend used to leave Emscripten's `unhandledRejection → throw` handler
// behind, so any stray rejection afterwards ended the process (the whole service, with
// its running training). The backend chain now loads without leaving process handlers.
import { describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { initNodeBackend } from './node-backends';
import { withoutAddedProcessHandlers } from './process-handlers-node';

const count = () => process.listeners('unhandledRejection').length + process.listeners('uncaughtException').length;

describe('withoutAddedProcessHandlers', () => {
  // First in the file: the wasm module is instantiated (and its glue run) only once per process.
  it('is how the backend chain loads: choosing wasm leaves no process handler behind', async () => {
    const before = count();
    expect((await initNodeBackend('wasm')).name).toBe('wasm');
    expect(count()).toBe(before);
  });

  it('keeps the one backend of the process, and refuses, saying so, a later call that asks for another', async () => {
    expect((await initNodeBackend('wasm')).name).toBe('wasm');
    expect((await initNodeBackend(undefined)).name).toBe('wasm');
    await expect(initNodeBackend('cpu')).rejects.toThrow('this process already runs on wasm; the cpu backend (WORKBENCH_BACKEND or --backend) applies from the start of a process');
  });

  it('removes handlers a loader adds (Emscripten’s rethrowing ones), and keeps the owner’s', async () => {
    const own = () => {};
    process.on('unhandledRejection', own);
    const before = count();
    await withoutAddedProcessHandlers(async () => {
      process.on('unhandledRejection', (reason) => {
        throw reason;
      });
      process.on('uncaughtException', (error) => {
        throw error;
      });
      await tf.ready();
    });
    expect(count()).toBe(before);
    expect(process.listeners('unhandledRejection')).toContain(own);
    process.removeListener('unhandledRejection', own);
  });

  it('removes them when loading fails too', async () => {
    const before = count();
    await expect(
      withoutAddedProcessHandlers(async () => {
        process.on('uncaughtException', () => {});
        throw new Error('no such backend');
      }),
    ).rejects.toThrow('no such backend');
    expect(count()).toBe(before);
  });
});
