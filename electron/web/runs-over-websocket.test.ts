// The service end to end over its real transport: runs train in real worker processes,
// events stream back, and killing the worker or the whole service loses nothing.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MetricsRow, RunConfigInput, RunRecord, ServiceEvent } from '../contract';
import { listSamples } from '../../datasets/samples-node';
import { createWorkbench, type Workbench } from '../service/workbench';
import { nodeWorkerLauncher } from '../worker/node-launcher';
import { startWebServer, type WebServer } from './server';
import { connectTestClient, type TestClient } from './test-client';

const sst2 = listSamples().find((s) => s.id === 'sst2')!;

function tinyRun(maxSteps: number, saveSteps: number): RunConfigInput {
  return {
    task: 'classification',
    model: { preset: 'bert-tiny' },
    data: { train: sst2.files.train, validation: sst2.files.validation },
    training: { max_steps: maxSteps, batch_size: 8, max_seq_length: 32, save_steps: saveSteps, eval_steps: maxSteps, learning_rate: 1e-4, seed: 1 },
  };
}

/** Real training in worker processes: on a shared, loaded machine a run takes minutes, not seconds. */
const RUN_TIMEOUT_MS = 400_000;

const isStatus = (id: string, status: RunRecord['status']) => (e: ServiceEvent) => e.type === 'run.status' && e.run.id === id && e.run.status === status;

function metricsLines(home: string, id: string): MetricsRow[] {
  const text = readFileSync(path.join(home, 'runs', id, 'metrics.jsonl'), 'utf8');
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as MetricsRow);
}

describe('runs over the WebSocket, in worker processes', () => {
  let home: string;
  let workbench: Workbench;
  let server: WebServer;
  let client: TestClient;

  beforeAll(async () => {
    home = mkdtempSync(path.join(os.tmpdir(), 'wb-runs-ws-'));
    workbench = await createWorkbench({ mode: 'browser', listSamples: async () => [], home, launchWorker: nodeWorkerLauncher() });
    const staticDir = mkdtempSync(path.join(os.tmpdir(), 'wb-static-'));
    server = await startWebServer({ host: workbench.host, staticDir });
    client = await connectTestClient(server.port, server.token);
  });

  afterAll(async () => {
    client.close();
    await workbench.close();
    await server.close();
  });

  it('creates a run on a sample, streams its steps, completes it and serves its metrics', async () => {
    const run = await client.call('runs.create', { config: tinyRun(6, 0), start: true });
    expect(run.status).toBe('queued');
    const done = (await client.waitFor(isStatus(run.id, 'completed'), RUN_TIMEOUT_MS)) as Extract<ServiceEvent, { type: 'run.status' }>;
    const streamed = client.events.flatMap((e) => (e.type === 'run.metrics' && e.runId === run.id ? e.rows : []));
    expect(streamed.filter((r) => r.loss !== undefined).map((r) => r.step)).toEqual([1, 2, 3, 4, 5, 6]);
    const metrics = await client.call('runs.metrics', { id: run.id });
    expect(metrics.filter((r) => r.loss !== undefined)).toHaveLength(6);
    expect(metrics.some((r) => r.eval_accuracy !== undefined)).toBe(true);
    expect(done.run.backend?.name).toBeTruthy();
    expect(done.run.final_metrics?.eval_accuracy).toBeGreaterThan(0);
    const [prediction] = await client.call('runs.predict', { id: run.id, inputs: [{ text: 'a wonderful, moving film' }] });
    expect(prediction?.task).toBe('classification');
  }, RUN_TIMEOUT_MS);

  it('refuses a bad config with the field named, and keeps serving', async () => {
    await expect(client.call('runs.create', { config: { ...tinyRun(2, 0), training: { learning_rate: -1 } } })).rejects.toThrow('training.learning_rate');
    expect((await client.call('runs.list')).length).toBeGreaterThan(0);
  });

  it('marks a run whose worker was SIGKILLed interrupted, and resumes it from its checkpoint to the end', async () => {
    const run = await client.call('runs.create', { config: tinyRun(12, 4), start: true });
    await client.waitFor((e) => e.type === 'run.checkpoint' && e.runId === run.id && e.step >= 4, RUN_TIMEOUT_MS);
    process.kill(workbench.runs.activeWorkerPid!, 'SIGKILL');
    const interrupted = (await client.waitFor(isStatus(run.id, 'interrupted'), RUN_TIMEOUT_MS)) as Extract<ServiceEvent, { type: 'run.status' }>;
    expect(interrupted.run.error).toContain('SIGKILL');
    const beforeResume = metricsLines(home, run.id); // every line parses: valid JSONL up to its last line
    expect(beforeResume.length).toBeGreaterThanOrEqual(4);

    await client.call('runs.resume', { id: run.id });
    await client.waitFor(isStatus(run.id, 'completed'), RUN_TIMEOUT_MS);
    const steps = metricsLines(home, run.id).filter((r) => r.loss !== undefined).map((r) => r.step);
    expect(steps).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
  }, RUN_TIMEOUT_MS);
});

describe('the whole service killed mid-run', () => {
  function startService(home: string): Promise<{ child: ChildProcess; port: number; token: string }> {
    const child = spawn(process.execPath, ['--import', 'tsx', path.resolve(__dirname, 'service-process.ts')], {
      env: { ...process.env, WORKBENCH_HOME: home },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    return new Promise((resolve, reject) => {
      let output = '';
      child.stdout!.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const match = /listening (\d+) (\S+)/.exec(output);
        if (match) resolve({ child, port: Number(match[1]), token: match[2]! });
      });
      child.on('exit', (code) => reject(new Error(`service exited with ${code}: ${output}`)));
    });
  }

  it('leaves the run interrupted on restart, and resume completes it', async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'wb-kill-service-'));
    const first = await startService(home);
    const client = await connectTestClient(first.port, first.token);
    const run = await client.call('runs.create', { config: tinyRun(12, 4), start: true });
    await client.waitFor((e) => e.type === 'run.checkpoint' && e.runId === run.id && e.step >= 4, RUN_TIMEOUT_MS);
    client.close();
    first.child.kill('SIGKILL');
    await new Promise((r) => setTimeout(r, 500)); // its worker notices the lost parent and exits

    const second = await startService(home);
    const again = await connectTestClient(second.port, second.token);
    try {
      expect((await again.call('runs.get', { id: run.id })).status).toBe('interrupted');
      await again.call('runs.resume', { id: run.id });
      await again.waitFor(isStatus(run.id, 'completed'), RUN_TIMEOUT_MS);
      const steps = metricsLines(home, run.id).filter((r) => r.loss !== undefined).map((r) => r.step);
      expect(steps).toEqual(Array.from({ length: 12 }, (_, i) => i + 1));
    } finally {
      again.close();
      second.child.kill('SIGTERM');
    }
  }, RUN_TIMEOUT_MS);
});
