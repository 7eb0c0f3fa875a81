import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { connectTestClient } from './test-client';
import { createWorkbench, type Workbench } from '../service/workbench';
import { nodeWorkerLauncher } from '../worker/node-launcher';
import { startWebServer, type WebServer } from './server';
import { BACKEND_NAMES } from '../../core/backend/select';
import { SCHEDULE_PREVIEW_POINTS, type RunConfigInput } from '../contract';

let server: WebServer;
let workbench: Workbench;

beforeAll(async () => {
  const staticDir = mkdtempSync(path.join(os.tmpdir(), 'wb-static-'));
  writeFileSync(path.join(staticDir, 'index.html'), '<!doctype html><title>BERT Workbench</title>');
  const home = mkdtempSync(path.join(os.tmpdir(), 'wb-home-'));
  workbench = await createWorkbench({ mode: 'browser', listSamples: async () => [], home, launchWorker: nodeWorkerLauncher() });
  server = await startWebServer({ host: workbench.host, staticDir });
});

afterAll(async () => {
  await workbench.close();
  await server.close();
});

function wsUrl(token: string | null): string {
  return `ws://127.0.0.1:${server.port}/ws${token === null ? '' : `?token=${encodeURIComponent(token)}`}`;
}

/** Resolves with the HTTP status the upgrade was refused with, or 101 when it opened. */
function connectStatus(url: string, headers: Record<string, string> = {}): Promise<number> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url, { headers });
    socket.on('open', () => {
      socket.close();
      resolve(101);
    });
    socket.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
    socket.on('error', () => resolve(-1));
  });
}

function openClient() {
  return connectTestClient(server.port, server.token);
}

describe('browser-mode server', () => {
  it('listens on the loopback address only', () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/\?token=[\w-]{20,}$/);
  });

  it('refuses a WebSocket without the token, with a wrong token, or from a foreign origin', async () => {
    expect(await connectStatus(wsUrl(null))).toBe(401);
    expect(await connectStatus(wsUrl('wrong-token'))).toBe(401);
    expect(await connectStatus(wsUrl(server.token.slice(0, -1)))).toBe(401);
    expect(await connectStatus(wsUrl(server.token), { origin: 'https://evil.example' })).toBe(403);
    expect(await connectStatus(wsUrl(server.token), { origin: `http://127.0.0.1:${server.port}` })).toBe(101);
  });

  it('answers the contract over the WebSocket', async () => {
    const client = await openClient();
    const reply = await client.raw(JSON.stringify({ id: 1, method: 'system.info' }));
    expect('result' in reply && reply.id).toBe(1);
    const info = (reply as { result: { backend: { name: string }; app: { mode: string } } }).result;
    expect(BACKEND_NAMES).toContain(info.backend.name);
    expect(info.app.mode).toBe('browser');
    const presets = await client.raw(JSON.stringify({ id: 2, method: 'models.presets', params: {} }));
    expect((presets as { result: { id: string; parameters: number }[] }).result.find((p) => p.id === 'bert-base')?.parameters).toBe(109_482_240);
    client.close();
  });

  it('gives 1,000 random and malformed messages error replies and keeps answering', async () => {
    const client = await openClient();
    let seed = 12345;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const junk = [
      () => '',
      () => 'not json',
      () => '{"id":',
      () => 'null',
      () => '[]',
      () => JSON.stringify({ id: -1, method: 'system.info' }),
      () => JSON.stringify({ id: 1.5, method: 'system.info' }),
      () => JSON.stringify({ id: 3, method: 'no.such.method' }),
      () => JSON.stringify({ id: 4, method: 'system.info', params: { extra: true } }),
      () => JSON.stringify({ id: 5, method: 'system.info', extra: 1 }),
      () => JSON.stringify({ id: 6, method: 42 }),
      () => JSON.stringify({ id: 7, method: '__proto__' }),
      () => JSON.stringify({ id: 8, method: 'constructor' }),
      () => String.fromCharCode(...Array.from({ length: 40 }, () => Math.floor(random() * 65536))),
    ];
    for (let i = 0; i < 1000; i++) {
      const reply = await client.raw(junk[Math.floor(random() * junk.length)]!());
      expect('error' in reply).toBe(true);
    }
    const after = await client.raw(JSON.stringify({ id: 99, method: 'models.presets' }));
    expect('result' in after).toBe(true);
    client.close();
  });

  it('answers a schedule preview of 40 million steps with a bounded curve, and keeps serving', async () => {
    // This one message once built a 40-million-entry array whose JSON overflowed V8's
    // string limit in the relay, and the process (with any training) died.
    const client = await openClient();
    const config: RunConfigInput = { task: 'classification', model: { preset: 'bert-tiny' }, data: { train: '/nonexistent/train.csv' }, training: { max_steps: 40_000_000 } };
    const preview = await client.call('training.schedule', { config, numExamples: 1000 });
    expect(preview.total_steps).toBe(40_000_000);
    expect(preview.points.length).toBeLessThanOrEqual(SCHEDULE_PREVIEW_POINTS);
    expect(preview.points.at(-1)?.step).toBe(39_999_999);
    expect((await client.call('models.presets')).length).toBeGreaterThan(0);
    client.close();
  });

  it('deletes nothing for runs.delete {"id": "."} or "..", and says why', async () => {
    const client = await openClient();
    const run = await client.call('runs.create', { config: { task: 'classification', model: { preset: 'bert-tiny' }, data: { train: '/nonexistent/train.csv' } } });
    for (const id of ['.', '..']) {
      const reply = await client.raw(JSON.stringify({ id: 1, method: 'runs.delete', params: { id } }));
      expect(reply).toMatchObject({ error: { code: 'invalid_params' } });
      expect('error' in reply && reply.error.message).toContain('is not a run id');
    }
    expect((await client.call('runs.list')).map((r) => r.id)).toContain(run.id);
    expect((await client.call('runs.get', { id: run.id })).status).toBe('created');
    client.close();
  });

  it('serves the UI with a content security policy and nothing outside its folder', async () => {
    const index = await fetch(`http://127.0.0.1:${server.port}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get('content-security-policy')).toContain("script-src 'self'");
    const escape = await fetch(`http://127.0.0.1:${server.port}/..%2f..%2fetc%2fpasswd`);
    expect([403, 404]).toContain(escape.status);
  });
});
