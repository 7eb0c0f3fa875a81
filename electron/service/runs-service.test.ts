// The runs table's service side over the real transport and worker processes: queued runs
// carry their queue position, tags and notes are kept (even while a run trains), the
// system monitor samples the training process, a cancel saves a checkpoint where it
// stopped and Resume continues from that step, and evaluations (validation and a test
// file, the latter in a worker of its own) are announced and served.
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunConfigInput, RunRecord, ServiceEvent, TrainingSettings } from '../contract';
import { listSamples } from '../../datasets/samples-node';
import { startWebServer, type WebServer } from '../web/server';
import { connectTestClient, type TestClient } from '../web/test-client';
import { nodeWorkerLauncher } from '../worker/node-launcher';
import { createWorkbench, type Workbench } from './workbench';

const sst2 = listSamples().find((s) => s.id === 'sst2')!;

function tinyRun(maxSteps: number, extra: Partial<TrainingSettings> = {}): RunConfigInput {
  return {
    task: 'classification',
    model: { preset: 'bert-tiny' },
    data: { train: sst2.files.train, validation: sst2.files.validation },
    training: { max_steps: maxSteps, batch_size: 8, max_seq_length: 32, eval_steps: maxSteps, learning_rate: 1e-4, seed: 1, ...extra },
  };
}

const statusOf = (id: string, match: (run: RunRecord) => boolean) => (e: ServiceEvent) => e.type === 'run.status' && e.run.id === id && match(e.run);
const runOf = (e: ServiceEvent) => (e as Extract<ServiceEvent, { type: 'run.status' }>).run;

describe('the runs service', () => {
  let workbench: Workbench;
  let server: WebServer;
  let client: TestClient;

  beforeAll(async () => {
    const home = mkdtempSync(path.join(os.tmpdir(), 'wb-runs-service-'));
    workbench = await createWorkbench({ mode: 'browser', listSamples: async () => [], home, launchWorker: nodeWorkerLauncher(), systemSampleIntervalMs: 200 });
    server = await startWebServer({ host: workbench.host, staticDir: mkdtempSync(path.join(os.tmpdir(), 'wb-static-')) });
    client = await connectTestClient(server.port, server.token);
  });

  afterAll(async () => {
    client.close();
    await workbench.close();
    await server.close();
  });

  it('gives queued runs their position, keeps tags and notes, and samples the system while training', async () => {
    const first = await client.call('runs.create', { config: tinyRun(60), start: true });
    const second = await client.call('runs.create', { config: tinyRun(4), start: true });
    expect(second.queue_position).toBe(1);
    expect((await client.call('runs.list')).find((r) => r.id === second.id)?.queue_position).toBe(1);
    await client.waitFor((e) => e.type === 'run.metrics' && e.runId === first.id);

    // While it trains, the worker writes run.json: the edit goes through it and stays.
    const tagged = await client.call('runs.update', { id: first.id, tags: ['baseline', 'baseline', 'tiny'], notes: 'first try' });
    expect(tagged).toMatchObject({ tags: ['baseline', 'tiny'], notes: 'first try' });
    const sample = (await client.waitFor((e) => e.type === 'run.system' && e.runId === first.id, 20_000)) as Extract<ServiceEvent, { type: 'run.system' }>;
    expect(sample.sample.memory_total_bytes).toBeGreaterThan(0);
    expect(sample.sample.cpu_percent).toBeGreaterThanOrEqual(0);
    if (process.platform === 'linux') expect(sample.sample.process_rss_bytes).toBeGreaterThan(10 * 1024 * 1024);

    await client.waitFor(statusOf(first.id, (r) => r.status === 'completed'), 240_000);
    const started = await client.waitFor(statusOf(second.id, (r) => r.status === 'running'), 60_000);
    expect(runOf(started).queue_position).toBeUndefined();
    expect(await client.call('runs.get', { id: first.id })).toMatchObject({ tags: ['baseline', 'tiny'], notes: 'first try', status: 'completed' });
    expect((await client.call('runs.system', { id: first.id })).length).toBeGreaterThan(0);
    await client.waitFor(statusOf(second.id, (r) => r.status === 'completed'), 120_000);
    expect((await client.call('runs.update', { id: second.id, notes: 'second' })).notes).toBe('second');
  }, 400_000);

  it('cancels with a checkpoint at the step it stopped, and resumes from that step', async () => {
    const run = await client.call('runs.create', { config: tinyRun(400, { save_steps: 0, num_train_epochs: 3 }), start: true });
    await client.waitFor((e) => e.type === 'run.metrics' && e.runId === run.id && e.rows.some((r) => r.step >= 5), 120_000);
    await client.call('runs.cancel', { id: run.id });
    const cancelled = runOf(await client.waitFor(statusOf(run.id, (r) => r.status === 'cancelled'), 60_000));
    const stoppedAt = cancelled.last_checkpoint?.step ?? 0;
    expect(stoppedAt).toBeGreaterThanOrEqual(5); // not an epoch-end checkpoint: there is none yet
    expect(cancelled.progress?.step).toBe(stoppedAt);
    const before = client.events.length;
    await client.call('runs.resume', { id: run.id });
    await client.waitFor((e) => e.type === 'run.metrics' && e.runId === run.id && client.events.indexOf(e) >= before, 120_000);
    const resumedRows = client.events.slice(before).flatMap((e) => (e.type === 'run.metrics' && e.runId === run.id ? e.rows : []));
    expect(resumedRows.find((r) => r.loss !== undefined)?.step).toBe(stoppedAt + 1);
    await client.call('runs.cancel', { id: run.id });
    await client.waitFor(statusOf(run.id, (r) => r.status === 'cancelled'), 60_000);
  }, 300_000);

  it('announces and serves evaluations, and evaluates a test file in a worker', async () => {
    const run = await client.call('runs.create', { config: tinyRun(6, { eval_steps: 3 }), start: true });
    await client.waitFor((e) => e.type === 'run.evaluation' && e.runId === run.id && e.kind === 'last' && e.step === 6, 120_000);
    await client.waitFor(statusOf(run.id, (r) => r.status === 'completed'), 120_000);
    const last = await client.call('runs.evaluation', { id: run.id, kind: 'last' });
    expect(last?.predictions.length).toBe(sst2.counts.validation);
    expect(last?.report?.task).toBe('classification');

    const file = path.join(os.tmpdir(), `wb-test-${process.pid}.tsv`);
    writeFileSync(file, 'sentence\tlabel\na gripping , moving film\t1\na dull , lifeless mess\t0\n');
    const test = await client.call('runs.evaluateFile', { id: run.id, file });
    expect(test).toMatchObject({ kind: 'test', file });
    expect(test.predictions).toHaveLength(2);
    expect(test.metrics.test_accuracy).toBeGreaterThanOrEqual(0);
    expect(client.events.some((e) => e.type === 'run.evaluation' && e.runId === run.id && e.kind === 'test')).toBe(true);
    await expect(client.call('runs.evaluateFile', { id: run.id, file: '/no/such/file.tsv' })).rejects.toThrow('no such file');
  }, 300_000);
});
