import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { backendSummary, describeChoice, BackendUnavailableError, selectBackend, type BackendCandidate, type BackendName } from './select';
import { nodeBackendCandidates } from './node-backends';
import * as tf from '../tf';

function fake(name: BackendName, works: boolean, log: string[] = []): BackendCandidate {
  return {
    name,
    description: `fake ${name}`,
    async load() {
      log.push(name);
      if (!works) throw new Error(`${name} is missing\nstack line`);
    },
  };
}

describe('selectBackend', () => {
  it('takes the first candidate that loads and reports what it skipped', async () => {
    const log: string[] = [];
    const choice = await selectBackend([fake('tensorflow-gpu', false, log), fake('tensorflow', false, log), fake('wasm', true, log), fake('cpu', true, log)]);
    expect(choice.name).toBe('wasm');
    expect(log).toEqual(['tensorflow-gpu', 'tensorflow', 'wasm']);
    expect(choice.skipped.map((s) => s.name)).toEqual(['tensorflow-gpu', 'tensorflow']);
    expect(choice.reason).toContain('tensorflow-gpu (tensorflow-gpu is missing)');
    expect(choice.reason).not.toContain('stack line');
  });

  it('tells a candidate whether it was forced, and names the GPU it found', async () => {
    const adapter = { vendor: 'mesa', architecture: 'software', device: 'llvmpipe', description: 'llvmpipe: Mesa 25.0.7', fallback: true };
    const gpu: BackendCandidate = {
      name: 'webgpu',
      description: 'WebGPU',
      async load({ forced }) {
        if (!forced) throw new Error('software adapter');
        return { adapter };
      },
    };
    const automatic = await selectBackend([gpu, fake('cpu', true)]);
    expect(automatic).toMatchObject({ name: 'cpu', skipped: [{ name: 'webgpu', error: 'software adapter' }] });
    expect(automatic.adapter).toBeUndefined();
    const forced = await selectBackend([gpu, fake('cpu', true)], 'webgpu');
    expect(forced).toMatchObject({ name: 'webgpu', adapter, description: 'WebGPU on mesa software llvmpipe (llvmpipe: Mesa 25.0.7), a software adapter' });
    expect(backendSummary(forced)).toBe('webgpu — WebGPU on mesa software llvmpipe (llvmpipe: Mesa 25.0.7), a software adapter (forced by WORKBENCH_BACKEND=webgpu)');
    // What run.json and the UI keep: no skipped list, the adapter only where there is one.
    expect(describeChoice(forced)).toEqual({ name: 'webgpu', description: forced.description, reason: 'forced by WORKBENCH_BACKEND=webgpu', adapter });
    expect(describeChoice(automatic)).not.toHaveProperty('adapter');
  });

  it('uses a forced backend without trying the others', async () => {
    const log: string[] = [];
    const choice = await selectBackend([fake('wasm', true, log), fake('cpu', true, log)], 'cpu');
    expect(choice.name).toBe('cpu');
    expect(choice.reason).toBe('forced by WORKBENCH_BACKEND=cpu');
    expect(log).toEqual(['cpu']);
  });

  it('fails clearly when the forced backend cannot load, instead of falling back', async () => {
    const attempt = selectBackend([fake('tensorflow', false), fake('cpu', true)], 'tensorflow');
    await expect(attempt).rejects.toBeInstanceOf(BackendUnavailableError);
    await expect(attempt).rejects.toThrow(
      'WORKBENCH_BACKEND=tensorflow was requested, but fake tensorflow could not be loaded: tensorflow is missing',
    );
  });

  it('rejects a name that is not a backend', async () => {
    await expect(selectBackend([fake('cpu', true)], 'cuda')).rejects.toThrow(
      'WORKBENCH_BACKEND=cuda is not a backend; use one of tensorflow-gpu, webgpu, tensorflow, native-cpu, wasm, cpu.',
    );
  });

  it('says so when nothing loads', async () => {
    await expect(selectBackend([fake('wasm', false), fake('cpu', false)])).rejects.toThrow(
      'No TensorFlow.js backend could be loaded: wasm: wasm is missing; cpu: cpu is missing',
    );
  });
});

describe('node backend chain', () => {
  it('lists the backends fastest first', () => {
    expect(nodeBackendCandidates.map((c) => c.name)).toEqual(['tensorflow-gpu', 'webgpu', 'tensorflow', 'native-cpu', 'wasm', 'cpu']);
  });

  it('loads native-cpu where `npm run build:native` has built it, and otherwise says how to', async () => {
    const built = existsSync(join(import.meta.dirname, '..', 'native-cpu', 'build', 'Release', 'native_cpu.node'));
    const attempt = selectBackend(nodeBackendCandidates, 'native-cpu');
    if (built) {
      expect((await attempt).name).toBe('native-cpu');
      expect(tf.getBackend()).toBe('native-cpu');
    } else {
      await expect(attempt).rejects.toThrow('run `npm run build:native`');
    }
  });

  it('really loads wasm and cpu here', async () => {
    const wasm = await selectBackend(nodeBackendCandidates, 'wasm');
    expect(tf.getBackend()).toBe('wasm');
    expect(wasm.name).toBe('wasm');
    await selectBackend(nodeBackendCandidates, 'cpu');
    expect(tf.getBackend()).toBe('cpu');
  });
});
