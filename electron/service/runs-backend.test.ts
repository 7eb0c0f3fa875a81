// What the app shows and estimates is what runs get: the backend is probed in a worker
// process (the kind runs train in), cached in the workbench folder, and the Review
// step's time comes from its measured throughput; on wasm a run that cannot fit the 4 GiB
// heap is refused before it starts, with a sentence naming the limit.
import { existsSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { RunEstimate, SystemInfo } from '../contract';
import { nodeWorkerLauncher } from '../worker/node-launcher';
import { createWorkbench, type Workbench } from './workbench';

const SST2 = path.join(import.meta.dirname, '..', '..', 'datasets', 'samples', 'sst2', 'train.tsv');
let workbench: Workbench | undefined;

async function call<T>(method: string, params: unknown = {}): Promise<T> {
  const reply = (await workbench!.host.handle(JSON.stringify({ id: 1, method, params }))) as { result?: T; error?: { message: string } };
  if (reply.error) throw new Error(reply.error.message);
  return reply.result as T;
}

async function open(env: NodeJS.ProcessEnv): Promise<string> {
  const home = mkdtempSync(path.join(os.tmpdir(), 'wb-probe-'));
  workbench = await createWorkbench({ mode: 'browser', listSamples: async () => [], home, launchWorker: nodeWorkerLauncher({ ...process.env, ...env }) });
  return home;
}

afterEach(async () => {
  await workbench?.close();
  workbench = undefined;
});

/** The estimate once the first probe is in (an estimate waits for it only a while). */
async function probedEstimate(params: Record<string, unknown>): Promise<RunEstimate> {
  for (let attempt = 0; ; attempt++) {
    const estimate = await call<RunEstimate>('training.estimate', params);
    if (estimate.backend !== undefined && (estimate.time_source || attempt > 20)) return estimate;
  }
}

const config = (preset: string, batchSize: number) => ({ task: 'classification', model: { preset }, data: { train: SST2 }, training: { batch_size: batchSize, max_seq_length: 128 } });

describe('the backend runs get', () => {
  it('is probed in a worker, shown by system.info, and times the Review step', async () => {
    const home = await open({ WORKBENCH_BACKEND: 'cpu' });
    const histogram = [{ from: 0, to: 16, count: 50 }, { from: 16, to: 32, count: 30 }, { from: 32, to: 64, count: 5 }];
    const estimate = await probedEstimate({ config: config('bert-tiny', 8), numExamples: 80, lengthHistogram: histogram });
    expect(estimate).toMatchObject({ fits: true, backend: 'cpu', time_source: 'throughput probe', total_steps: 30 });
    expect(estimate.seconds_per_step).toBeGreaterThan(0);
    expect(existsSync(path.join(home, 'backend-probe.json'))).toBe(true);
    const system = await call<SystemInfo>('system.info');
    expect(system.backend.name).toBe('cpu');
    expect(system.backend.reason).toContain('WORKBENCH_BACKEND=cpu');
    // Dynamic padding: short data trains faster than padded to max_seq_length.
    const padded = await call<RunEstimate>('training.estimate', { config: config('bert-tiny', 8), numExamples: 80 });
    expect(padded.seconds_per_step!).toBeGreaterThan(estimate.seconds_per_step!);
  });

  it('on wasm, refuses before it starts a run that cannot fit the heap, and trains with checkpointing what fits only so', async () => {
    await open({ WORKBENCH_BACKEND: 'wasm' });
    const large = await probedEstimate({ config: config('bert-large', 8), numExamples: 80 });
    expect(large.fits).toBe(false);
    expect(large.warnings[0]).toMatch(/^bert-large at batch 8 × 128 tokens needs about .* more than the wasm backend's 4\.0 GiB heap/);
    await expect(call('runs.create', { config: config('bert-large', 8), start: true })).rejects.toThrow(/4\.0 GiB heap \(WebAssembly memory stops there\)/);
    const base = await call<RunEstimate>('training.estimate', { config: config('bert-base', 16), numExamples: 80 });
    expect(base).toMatchObject({ fits: true, gradient_checkpointing: true });
    expect(base.warnings[0]).toMatch(/gradient_checkpointing is on for this run/);
  });
});
