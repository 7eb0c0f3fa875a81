// An export folder leaves the service two ways: browser mode streams it as a zip from
// EXPORT_DOWNLOAD_ROUTE (with the launch's token, only folders the run exported), and
// the desktop app shows it in the file manager (runs.revealExport). Both refuse any other
// path, with a sentence.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { initNodeBackend } from '../../core/backend/node-backends';
import { loadHfModel, saveHfModel } from '../../core/checkpoint/hf-folder-node';
import { referenceCheckpointDir } from '../../core/model/testing';
import { EXPORT_DOWNLOAD_ROUTE } from '../contract';
import { folderFiles } from '../runs/export-zip';
import { RunStore } from '../runs/run-store';
import { createWorkbench, type Workbench } from '../service/workbench';
import { nodeWorkerLauncher } from '../worker/node-launcher';
import { startWebServer, type WebServer } from './server';
import { connectTestClient, type TestClient } from './test-client';
import { EXPORT_MARKER_FILE } from '../../core/export/write-export-node';

let home: string;
let workbench: Workbench;
let server: WebServer;
let client: TestClient;
let runId: string;
const revealed: string[] = [];

beforeAll(async () => {
  process.env.WORKBENCH_BACKEND = 'cpu';
  await initNodeBackend();
  home = mkdtempSync(path.join(os.tmpdir(), 'wb-download-'));
  const store = new RunStore(path.join(home, 'runs'));
  const record = await store.create({ name: 'sentiment', config: { task: 'classification', model: { preset: 'bert-tiny' } } });
  const { model, tokenizer } = await loadHfModel(referenceCheckpointDir('sequence-classification'));
  await saveHfModel(path.join(store.dir(record.id), 'model'), model, tokenizer);
  model.dispose();
  await store.update(record.id, { status: 'completed' });
  runId = record.id;
  workbench = await createWorkbench({ mode: 'browser', listSamples: async () => [], home, launchWorker: nodeWorkerLauncher(), revealInFolder: (folder) => void revealed.push(folder) });
  server = await startWebServer({ host: workbench.host, staticDir: mkdtempSync(path.join(os.tmpdir(), 'wb-static-')), downloads: { folders: workbench.exports } });
  client = await connectTestClient(server.port, server.token);
});

afterAll(async () => {
  client?.close();
  await workbench?.close();
  await server?.close();
  rmSync(home, { recursive: true, force: true });
});

function downloadUrl(params: Record<string, string>): string {
  return `http://127.0.0.1:${server.port}${EXPORT_DOWNLOAD_ROUTE}?${new URLSearchParams(params)}`;
}

describe('export folders leave the service', () => {
  let folder: string;
  beforeAll(async () => {
    const outDir = path.join(home, 'elsewhere', 'sentiment-onnx');
    folder = (await client.call('runs.export', { id: runId, format: 'onnx', quantize: 'int8', outDir })).path;
    expect(folder).toBe(outDir);
  });

  it('as a zip with the same files and bytes, for the launch\'s token only', async () => {
    const response = await fetch(downloadUrl({ token: server.token, run: runId, path: folder }));
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/zip');
    expect(response.headers.get('content-disposition')).toBe(`attachment; filename="${runId}-sentiment-onnx.zip"`);
    const entries = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const files = (await folderFiles(folder)).filter((f) => f.name !== EXPORT_MARKER_FILE); // the app's record stays behind
    expect(Object.keys(entries).sort()).toEqual(files.map((f) => f.name));
    expect(Object.keys(entries)).toEqual(expect.arrayContaining(['onnx/model.onnx', 'onnx/model_quantized.onnx', 'tokenizer.json', 'config.json']));
    for (const { name } of files) expect(Buffer.from(entries[name]!).equals(readFileSync(path.join(folder, name))), name).toBe(true);

    expect((await fetch(downloadUrl({ run: runId, path: folder }))).status).toBe(401);
    expect((await fetch(downloadUrl({ token: `${server.token}x`, run: runId, path: folder }))).status).toBe(401);
  });

  it('refuses folders that are not the run\'s exports, saying so', async () => {
    const outside = await fetch(downloadUrl({ token: server.token, run: runId, path: home }));
    expect(outside.status).toBe(404);
    expect(await outside.text()).toBe(`${home} is not an export of run "${runId}"\n`);
    const missing = await fetch(downloadUrl({ token: server.token, run: runId, path: path.join(home, 'nope') }));
    expect(await missing.text()).toContain('is gone');
    const otherRun = await fetch(downloadUrl({ token: server.token, run: 'no-such-run', path: folder }));
    expect(otherRun.status).toBe(404);
    expect((await fetch(downloadUrl({ token: server.token, run: runId })))?.status).toBe(400);
  });

  it('in the file manager, through runs.revealExport, for the run\'s exports only', async () => {
    expect(await client.call('runs.revealExport', { id: runId, path: folder })).toEqual({ path: folder });
    expect(revealed).toEqual([folder]);
    await expect(client.call('runs.revealExport', { id: runId, path: home })).rejects.toThrow(`${home} is not an export of run "${runId}"`);
    expect(revealed).toHaveLength(1);
  });
});
