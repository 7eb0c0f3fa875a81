// The fault suite: the real service and its worker processes under the faults an audit
// used — SIGKILL of the training worker and of the whole service at random moments, a disk
// that fills up between checkpoints (a small tmpfs), damaged run files, and 1,000
// malformed and oversized messages — with its counts printed at the end:
//   runs whole, resumes identical (to the last bit of every loss), service answering.
// The moments come from a seeded generator; FAULT_SEED repeats a failing sequence.
import { execFileSync } from 'node:child_process';
import { closeSync, cpSync, existsSync, mkdirSync, mkdtempSync, openSync, readFileSync, readdirSync, rmSync, statSync, truncateSync, writeFileSync, writeSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { listSamples } from '../../datasets/samples-node';
import type { RunRecord, ServiceEvent } from '../contract';
import { RunStore } from '../runs/run-store';
import { createWorkbench, type Workbench } from '../service/workbench';
import { startWebServer, type WebServer } from '../web/server';
import { connectTestClient, type TestClient } from '../web/test-client';
import { nodeWorkerLauncher } from '../worker/node-launcher';
import {
  FAULT_STEPS,
  faultRunConfig,
  lossDifferences,
  losses,
  nextEvent,
  runFolderProblems,
  seededRandom,
  sleep,
  startServiceProcess,
  statusIs,
  stepReached,
  waitForEnd,
  writeSmallCheckpoint,
  writeSmallData,
} from './fault-harness';

const SEED = Number(process.env.FAULT_SEED ?? 20261201);
const random = seededRandom(SEED);
const sst2 = listSamples().find((s) => s.id === 'sst2')!;

const counts = {
  runsChecked: 0,
  runsWhole: 0,
  resumes: 0,
  resumesIdentical: 0,
  serviceChecks: 0,
  serviceAnswering: 0,
  messages: 0,
  replies: 0,
  closedForSize: 0,
  skipped: [] as string[],
};

let scratch: string;
let data: { train: string; validation: string };
let checkpoint: string;
let reference: Map<number, number>;
let referenceRunDir: string;

/** An in-process service (the test can reach its worker's pid) over the real WebSocket. */
async function inProcessService(home: string): Promise<{ workbench: Workbench; server: WebServer; client: TestClient; close(): Promise<void> }> {
  const workbench = await createWorkbench({ mode: 'browser', listSamples: async () => [], home, launchWorker: nodeWorkerLauncher() });
  const server = await startWebServer({ host: workbench.host, staticDir: mkdtempSync(path.join(os.tmpdir(), 'wb-static-')) });
  const client = await connectTestClient(server.port, server.token);
  return {
    workbench,
    server,
    client,
    async close() {
      client.close();
      await workbench.close();
      await server.close();
    },
  };
}

async function checkWhole(store: RunStore, id: string, completed: boolean, when: string): Promise<void> {
  const problems = await runFolderProblems(store, id, completed);
  counts.runsChecked += 1;
  if (problems.length === 0) counts.runsWhole += 1;
  expect(problems, `run folder after ${when}`).toEqual([]);
}

function checkResumedLosses(runDir: string, when: string): void {
  const differences = lossDifferences(losses(runDir), reference);
  counts.resumes += 1;
  if (differences.length === 0) counts.resumesIdentical += 1;
  expect(differences, `losses after ${when}`).toEqual([]);
}

async function checkAnswering(client: TestClient, when: string): Promise<void> {
  counts.serviceChecks += 1;
  const [info, runs] = await Promise.all([client.call('models.presets'), client.call('runs.list')]);
  expect(info.length, when).toBeGreaterThan(0);
  expect(Array.isArray(runs), when).toBe(true);
  counts.serviceAnswering += 1;
}

/** Waits for step `atStep` of the run, then a random moment of up to a checkpoint's time. */
async function randomMoment(client: TestClient, since: number, id: string): Promise<number> {
  const atStep = 1 + Math.floor(random() * (FAULT_STEPS - 3));
  await nextEvent(client, since, stepReached(id, atStep));
  await sleep(Math.floor(random() * 400));
  return atStep;
}

beforeAll(async () => {
  scratch = mkdtempSync(path.join(os.tmpdir(), 'wb-faults-'));
  data = writeSmallData(path.join(scratch, 'data'), sst2.files.train!);
  checkpoint = writeSmallCheckpoint(path.join(scratch, 'small-bert'), [data.train, data.validation]);
  // The uninterrupted run every resumed one must repeat.
  const home = path.join(scratch, 'reference');
  const service = await inProcessService(home);
  try {
    const run = await service.client.call('runs.create', { config: faultRunConfig(data, checkpoint), start: true });
    await nextEvent(service.client, 0, statusIs(run.id, 'completed', 'failed'));
    referenceRunDir = path.join(home, 'runs', run.id);
    await checkWhole(new RunStore(path.join(home, 'runs')), run.id, true, 'an uninterrupted run');
    reference = losses(referenceRunDir);
    expect(reference.size).toBe(FAULT_STEPS);
    // Everything a run writes is the user's alone: folders 0700, files 0600.
    expect(loosePermissions(home)).toEqual([]);
  } finally {
    await service.close();
  }
}, 300_000);

afterAll(() => {
  const skipped = counts.skipped.length > 0 ? `; skipped: ${counts.skipped.join('; ')}` : '';
  console.log(
    `fault suite (FAULT_SEED=${SEED}): runs whole ${counts.runsWhole}/${counts.runsChecked}, resumes identical ${counts.resumesIdentical}/${counts.resumes}, ` +
      `service answering ${counts.serviceAnswering}/${counts.serviceChecks} (after ${counts.messages} malformed and oversized messages: ${counts.replies} error replies, ${counts.closedForSize} connections closed as too large)${skipped}`,
  );
  rmSync(scratch, { recursive: true, force: true });
});

describe('fault suite', () => {
  it('SIGKILL of the training worker at random moments: the folder stays whole and resumes repeat the losses', async () => {
    const home = path.join(scratch, 'worker-kills');
    const service = await inProcessService(home);
    const store = new RunStore(path.join(home, 'runs'));
    try {
      const { client } = service;
      const run = await client.call('runs.create', { config: faultRunConfig(data, checkpoint), start: true });
      for (let kill = 0; kill < 3; kill++) {
        const since = client.events.length;
        await randomMoment(client, since, run.id);
        const pid = service.workbench.runs.activeWorkerPid;
        if (pid === undefined) break; // it finished first
        process.kill(pid, 'SIGKILL');
        const after = (await nextEvent(client, since, statusIs(run.id, 'interrupted', 'completed'))) as Extract<ServiceEvent, { type: 'run.status' }>;
        if (after.run.status === 'completed') break;
        await checkWhole(store, run.id, false, `worker kill ${kill + 1}`);
        await checkAnswering(client, `worker kill ${kill + 1}`);
        await client.call('runs.resume', { id: run.id });
      }
      expect((await waitForEnd(client, run.id)).status).toBe('completed');
      await checkWhole(store, run.id, true, 'the worker kills');
      checkResumedLosses(store.dir(run.id), 'the worker kills');
    } finally {
      await service.close();
    }
  }, 600_000);

  it('SIGKILL of the whole service at random moments: restarted, the run is interrupted, whole, and resumes to the same losses', async () => {
    const home = path.join(scratch, 'service-kills');
    const store = new RunStore(path.join(home, 'runs'));
    let service = await startServiceProcess(home);
    let runId: string | undefined;
    try {
      const run = await service.client.call('runs.create', { config: faultRunConfig(data, checkpoint), start: true });
      runId = run.id;
      for (let kill = 0; kill < 2; kill++) {
        await randomMoment(service.client, 0, run.id);
        await service.kill();
        await sleep(500); // its worker sees the parent gone and exits
        service = await startServiceProcess(home);
        const status = (await service.client.call('runs.get', { id: run.id })).status;
        await checkAnswering(service.client, `service kill ${kill + 1}`);
        if (status === 'completed') break;
        expect(status).toBe('interrupted');
        await checkWhole(store, run.id, false, `service kill ${kill + 1}`);
        // Start-up cleaned what the kill cut short.
        expect(readdirSync(store.dir(run.id)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
        await service.client.call('runs.resume', { id: run.id });
      }
      expect((await waitForEnd(service.client, run.id)).status).toBe('completed');
      await checkWhole(store, run.id, true, 'the service kills');
      checkResumedLosses(store.dir(run.id), 'the service kills');
    } finally {
      await service.stop();
    }
    expect(runId).toBeDefined();
  }, 600_000);

  it('a disk that fills up between checkpoints: the run fails with "disk full", says so, and resumes once space is freed', async (context) => {
    const disk = mountSmallDisk(path.join(scratch, 'small-disk'));
    if ('skip' in disk) {
      counts.skipped.push(`disk full: ${disk.skip}`);
      context.skip(disk.skip);
      return;
    }
    const service = await inProcessService(path.join(disk.dir, 'home'));
    const store = new RunStore(path.join(disk.dir, 'home', 'runs'));
    const filler = path.join(disk.dir, 'filler');
    try {
      const { client } = service;
      // One checkpoint kept (and the best): the disk holds the run, and the filler takes the rest.
      const run = await client.call('runs.create', { config: faultRunConfig(data, checkpoint, { save_total_limit: 1 }), start: true });
      await nextEvent(client, 0, (e) => e.type === 'run.checkpoint' && e.runId === run.id && e.step >= 5);
      fillDisk(filler);
      const failed = (await nextEvent(client, 0, statusIs(run.id, 'failed', 'completed'))) as Extract<ServiceEvent, { type: 'run.status' }>;
      expect(failed.run.status).toBe('failed');
      expect(failed.run.error).toMatch(/^disk full: no space left to write .*; free some space, then resume$/);
      expect(client.events.some((e) => e.type === 'run.log' && e.runId === run.id && e.level === 'error' && e.message.includes('disk full'))).toBe(true);
      expect((await client.call('runs.get', { id: run.id })).status).toBe('failed');
      await expect(client.call('runs.cancel', { id: run.id })).rejects.toThrow(/is failed, not running/);
      await checkAnswering(client, 'the disk filled up');

      rmSync(filler);
      // The kept verdict and log reach the disk once it has room again.
      await waitUntil(() => JSON.parse(readFileSync(path.join(store.dir(run.id), 'run.json'), 'utf8')).status === 'failed', 20_000);
      expect(readFileSync(path.join(store.dir(run.id), 'log.jsonl'), 'utf8')).toContain('disk full');
      await checkWhole(store, run.id, false, 'the disk filled up');
      await client.call('runs.resume', { id: run.id });
      expect((await waitForEnd(client, run.id)).status).toBe('completed');
      await checkWhole(store, run.id, true, 'freeing the disk');
      checkResumedLosses(store.dir(run.id), 'freeing the disk');
      expect(readdirSync(path.join(store.dir(run.id), 'checkpoints')).length).toBeLessThanOrEqual(2);
    } finally {
      rmSync(filler, { force: true });
      await service.close();
      await disk.release();
    }
  }, 600_000);

  it('damaged run files: the service starts, lists them as damaged naming the file, and resumes past a damaged checkpoint', async () => {
    const home = path.join(scratch, 'damaged');
    const runs = path.join(home, 'runs');
    mkdirSync(runs, { recursive: true });
    // Only the run that resumes needs its checkpoints.
    const copy = (name: string, withCheckpoints = false) => {
      cpSync(referenceRunDir, path.join(runs, name), { recursive: true, filter: (source) => withCheckpoints || !source.includes(`${path.sep}checkpoints`) });
      return path.join(runs, name);
    };
    const runJson = (dir: string) => JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8')) as RunRecord;
    copy('intact');
    const badDate = copy('created-at-number');
    writeFileSync(path.join(badDate, 'run.json'), JSON.stringify({ ...runJson(badDate), created_at: 5 }));
    const truncated = copy('truncated');
    const text = readFileSync(path.join(truncated, 'run.json'), 'utf8');
    writeFileSync(path.join(truncated, 'run.json'), text.slice(0, Math.floor(text.length / 2)));
    const garbage = copy('garbage');
    writeFileSync(path.join(garbage, 'run.json'), Buffer.from(Array.from({ length: 300 }, () => Math.floor(random() * 256))));
    const stray = copy('stray-temp-files');
    writeFileSync(path.join(stray, '.run.json.0123456789ab.tmp'), '{"status": "runn');
    writeFileSync(path.join(stray, '.metrics.jsonl.ba9876543210.tmp'), '{"step": 3');
    // Interrupted at the end, with its two newest checkpoints damaged: it resumes from the third newest.
    const fallback = copy('damaged-checkpoints', true);
    writeFileSync(path.join(fallback, 'run.json'), JSON.stringify({ ...runJson(fallback), status: 'interrupted' }));
    rmSync(path.join(fallback, 'model'), { recursive: true });
    writeFileSync(path.join(fallback, `checkpoints/step-${FAULT_STEPS}/trainer_state.json`), '{"version": 1, "glob');
    truncateSync(path.join(fallback, `checkpoints/step-${FAULT_STEPS - 5}/model.safetensors`), 4096);

    const service = await startServiceProcess(home);
    try {
      const { client } = service;
      await checkAnswering(client, 'starting on damaged runs');
      const listed = new Map((await client.call('runs.list')).map((run) => [run.id, run]));
      expect([...listed.keys()].sort()).toEqual(['created-at-number', 'damaged-checkpoints', 'garbage', 'intact', 'stray-temp-files', 'truncated']);
      for (const id of ['created-at-number', 'truncated', 'garbage']) {
        const run = listed.get(id)!;
        expect(run.status, id).toBe('damaged');
        expect(run.damage?.file).toBe(path.join(runs, id, 'run.json'));
        expect((await client.call('runs.get', { id })).damage?.file).toBe(path.join(runs, id, 'run.json'));
        await expect(client.call('runs.resume', { id })).rejects.toThrow(`${path.join(runs, id, 'run.json')}:`);
      }
      expect(listed.get('created-at-number')?.damage?.problem).toBe('created_at must be a date string (ISO 8601), got 5');
      expect(listed.get('intact')?.status).toBe('completed');
      expect(readdirSync(stray).filter((name) => name.endsWith('.tmp'))).toEqual([]);

      await client.call('runs.resume', { id: 'damaged-checkpoints' });
      expect((await waitForEnd(client, 'damaged-checkpoints')).status).toBe('completed');
      const store = new RunStore(runs);
      const logs = (await client.call('runs.logs', { id: 'damaged-checkpoints' })).map((line) => line.message);
      expect(logs.some((m) => m.startsWith(`checkpoints/step-${FAULT_STEPS} is damaged and is passed over:`) && m.includes('trainer_state.json'))).toBe(true);
      expect(logs.some((m) => m.startsWith(`checkpoints/step-${FAULT_STEPS - 5} is damaged and is passed over:`) && m.includes('model.safetensors'))).toBe(true);
      expect(logs).toContain(`resuming from checkpoints/step-${FAULT_STEPS - 10}`);
      await checkWhole(store, 'damaged-checkpoints', true, 'resuming past damaged checkpoints');
      checkResumedLosses(store.dir('damaged-checkpoints'), 'resuming past damaged checkpoints');

      await sendMalformedMessages(service.port, service.token);
      await checkAnswering(client, `${counts.messages} malformed and oversized messages`);
      expect((await client.call('runs.list')).length).toBe(6);
      expect(existsSync(runs)).toBe(true);
    } finally {
      await service.stop();
    }
  }, 600_000);
});

/** Files and folders under `dir` that other local users could read. */
function loosePermissions(dir: string): string[] {
  const loose: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    const file = path.join(entry.parentPath, entry.name);
    const mode = statSync(file).mode & 0o777;
    if (mode !== (entry.isDirectory() ? 0o700 : 0o600)) loose.push(`${path.relative(dir, file)} ${mode.toString(8)}`);
  }
  return loose;
}

// -- the small disk -------------------------------------------------------------------------

/** A 32 MB tmpfs: WORKBENCH_FAULT_TMPFS (mounted by .ci/run), or one mounted here when root. */
function mountSmallDisk(dir: string): { dir: string; release(): Promise<void> } | { skip: string } {
  const given = process.env.WORKBENCH_FAULT_TMPFS;
  if (given) {
    const own = mkdtempSync(path.join(given, 'fault-'));
    return { dir: own, release: async () => rmSync(own, { recursive: true, force: true }) };
  }
  mkdirSync(dir, { recursive: true });
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=32m', 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return { skip: `cannot mount a small tmpfs here (needs root, or WORKBENCH_FAULT_TMPFS set to one): ${reason}` };
  }
  return {
    dir,
    // A worker that has just finished may hold the file system for a moment longer.
    async release() {
      for (let attempt = 0; ; attempt++) {
        try {
          execFileSync('umount', [dir], { stdio: 'pipe' });
          return;
        } catch (error) {
          if (attempt === 20) throw error;
          await sleep(250);
        }
      }
    },
  };
}

/** Writes a file until the disk refuses more. */
function fillDisk(file: string): void {
  const chunk = Buffer.alloc(1024 * 1024, 1);
  const fd = openSync(file, 'w');
  try {
    for (;;) writeSync(fd, chunk);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
    // The last bytes too: a smaller write can still fit in a partly used block.
    for (let size = chunk.length / 2; size >= 512; size /= 2) {
      try {
        for (;;) writeSync(fd, chunk.subarray(0, size));
      } catch {
        // next size down
      }
    }
  } finally {
    closeSync(fd);
  }
}

async function waitUntil(condition: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await sleep(100);
  }
}

// -- 1,000 malformed and oversized messages --------------------------------------------------

function deepNesting(depth: number): string {
  return '['.repeat(depth) + ']'.repeat(depth);
}

/** Hostile messages, well-formed and not, each of which must get an error reply or close only its own connection. */
const MALFORMED: ((r: () => number) => string | Buffer)[] = [
  () => '',
  () => 'not json',
  () => '{"id":',
  () => 'null',
  () => '[]',
  () => '1e309',
  () => JSON.stringify({ id: -1, method: 'system.info' }),
  () => JSON.stringify({ id: 2 ** 60, method: 'runs.list' }),
  () => JSON.stringify({ id: 3, method: 'no.such.method' }),
  () => JSON.stringify({ id: 4, method: '__proto__' }),
  () => '{"id": 5, "method": "runs.get", "params": {"__proto__": {"polluted": true}, "id": "x"}}',
  () => JSON.stringify({ id: 6, method: 'runs.delete', params: { id: '.' } }),
  () => JSON.stringify({ id: 7, method: 'runs.delete', params: { id: '..' } }),
  () => JSON.stringify({ id: 8, method: 'runs.delete', params: { id: '../../etc' } }),
  () => JSON.stringify({ id: 9, method: 'runs.get', params: { id: 'truncated' } }), // damaged: a reply naming the file
  () => JSON.stringify({ id: 10, method: 'runs.resume', params: { id: 'garbage' } }),
  () => JSON.stringify({ id: 11, method: 'runs.export', params: { id: 'intact', format: 'hf', outDir: 'relative/dir' } }),
  () => JSON.stringify({ id: 12, method: 'training.schedule', params: { config: { task: 'classification', model: { preset: 'bert-tiny' }, data: { train: '/x.csv' }, training: { max_steps: 40_000_000 } }, numExamples: 10 } }),
  () => JSON.stringify({ id: 13, method: 'training.schedule', params: { config: { training: { max_steps: 1e300 } }, numExamples: 1e300 } }),
  () => JSON.stringify({ id: 14, method: 'runs.create', params: { config: { task: 'classification', model: { preset: 'bert-tiny' }, data: { train: 'x' }, training: { learning_rate: 'fast' } } } }),
  () => JSON.stringify({ id: 15, method: 'runs.create', params: { name: 'n'.repeat(10_000), config: {} } }),
  () => JSON.stringify({ id: 16, method: 'datasets.inspect', params: { task: 'qa', train: '/dev/zero' } }),
  () => JSON.stringify({ id: 17, method: 'datasets.inspect', params: { task: 'ner', train: '/proc/self/mem' } }),
  () => JSON.stringify({ id: 18, method: 'runs.duplicate', params: { id: 'intact', changes: JSON.parse(`{"a":${'{"a":'.repeat(2000)}1${'}'.repeat(2000)}}`) } }),
  () => `{"id": 19, "method": "runs.list", "params": ${deepNesting(100_000)}}`,
  () => JSON.stringify({ id: 20, method: 'runs.predict', params: { id: 'intact', inputs: [] } }),
  () => JSON.stringify({ id: 21, method: 'runs.metrics', params: { id: 'intact', sinceStep: 'x' } }),
  () => JSON.stringify({ id: 22, method: 'datasets.import', params: { name: '../../evil', contentBase64: '' } }),
  (r) => String.fromCharCode(...Array.from({ length: 64 }, () => Math.floor(r() * 65536))),
  (r) => Buffer.from(Array.from({ length: 64 }, () => Math.floor(r() * 256))), // a binary frame
  () => JSON.stringify({ id: 23, method: 'runs.get', params: { id: 'x'.repeat(4_000_000) } }), // 4 MB, under the frame limit
];

/** Frames over the server's 64 MiB limit: ws closes that connection (1009); the service goes on. */
const OVERSIZED_FRAMES = 3;

function openSocket(port: number, token: string): Promise<WebSocket> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(token)}`, { headers: { origin: `http://127.0.0.1:${port}` } });
    socket.once('open', () => resolve(socket));
    socket.once('error', reject);
  });
}

async function sendMalformedMessages(port: number, token: string): Promise<void> {
  let socket = await openSocket(port, token);
  const exchange = (message: string | Buffer) =>
    new Promise<'reply' | 'closed'>((resolve) => {
      const onMessage = (data: WebSocket.RawData) => {
        const reply = JSON.parse(data.toString()) as { event?: unknown; error?: unknown };
        if (reply.event !== undefined) return; // events of the runs go on meanwhile
        done('reply');
      };
      const onClose = () => done('closed');
      const done = (how: 'reply' | 'closed') => {
        socket.off('message', onMessage);
        socket.off('close', onClose);
        resolve(how);
      };
      socket.on('message', onMessage);
      socket.on('close', onClose);
      socket.send(message);
    });
  for (let i = 0; i < 1000 - OVERSIZED_FRAMES; i++) {
    const make = MALFORMED[Math.floor(random() * MALFORMED.length)]!;
    counts.messages += 1;
    const how = await exchange(make(random));
    if (how === 'reply') counts.replies += 1;
    else socket = await openSocket(port, token);
  }
  for (let i = 0; i < OVERSIZED_FRAMES; i++) {
    counts.messages += 1;
    const how = await exchange(Buffer.alloc(64 * 1024 * 1024 + 1, 0x20));
    expect(how).toBe('closed');
    counts.closedForSize += 1;
    socket = await openSocket(port, token);
  }
  socket.close();
  expect(counts.replies).toBe(1000 - OVERSIZED_FRAMES);
}
