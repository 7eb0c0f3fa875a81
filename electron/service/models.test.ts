// The models.* methods through the service's own message handling (ServiceHost), against
// the stand-in Hub: the catalogue, downloads with progress events (speed, time left),
// cancel and resume, a gated model and the session token, the cache listing, descriptions
// of what a run will start from, and data statistics counted with the model's tokenizer.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../core/backend/node-backends';
import { catalogueEntry } from '../../core/hub/catalogue';
import { catalogueRepo, distilbertRepo, fakeCommit } from '../../core/hub/testing-checkpoints-node';
import { startFakeHub, type FakeHub } from '../../core/hub/testing-node';
import type { DownloadState, MethodName, MethodParams, MethodResults, ServiceEvent } from '../contract';
import { createWorkbench, type Workbench } from './workbench';
import { nodeWorkerLauncher } from '../worker/node-launcher';

const TINY = catalogueEntry('google/bert_uncased_L-2_H-128_A-2')!;
const MINI = catalogueEntry('google/bert_uncased_L-4_H-256_A-4')!;
const SMALL = { layers: 1, hidden: 32, heads: 2 };
const saved = { ...process.env };

let hub: FakeHub;
let home: string;
let workbench: Workbench;
const events: ServiceEvent[] = [];

async function call<M extends MethodName>(method: M, params?: MethodParams<M>): Promise<MethodResults[M]> {
  const reply = await workbench.host.handle(JSON.stringify({ id: 1, method, params }));
  if ('error' in reply) throw new Error(reply.error.message);
  return reply.result as MethodResults[M];
}

async function until(test: () => boolean, what: string): Promise<void> {
  const start = Date.now();
  while (!test()) {
    if (Date.now() - start > 30_000) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

const downloadEvents = (hubId: string) => events.flatMap((e) => (e.type === 'model.download' && e.download.hubId === hubId ? [e.download] : []));
const last = (hubId: string): DownloadState | undefined => downloadEvents(hubId).at(-1);

beforeAll(async () => {
  await initNodeBackend();
  hub = await startFakeHub([await catalogueRepo(TINY, { shrink: SMALL }), await catalogueRepo(MINI, { shrink: SMALL, gatedToken: 'hf_secret' }), distilbertRepo()]);
  home = mkdtempSync(path.join(tmpdir(), 'wb-models-'));
  Object.assign(process.env, { HF_ENDPOINT: hub.endpoint, HF_HOME: path.join(home, 'hf') });
  for (const name of ['HF_HUB_CACHE', 'HF_TOKEN', 'HF_HUB_OFFLINE', 'HUGGINGFACE_HUB_CACHE']) delete process.env[name];
  workbench = await createWorkbench({
    mode: 'browser',
    listSamples: async () => [],
    home,
    // Data inspection runs in a task worker, which inherits the HF_* variables set above.
    launchWorker: nodeWorkerLauncher(),
  });
  workbench.host.subscribe((event) => events.push(event as ServiceEvent));
});
afterAll(async () => {
  await workbench.close();
  await hub.close();
  process.env = saved;
  rmSync(home, { recursive: true, force: true });
});

describe('models.* methods', () => {
  it('lists the catalogue with derived figures, BERT-Tiny the default; presets name their pretrained twin', async () => {
    const catalogue = await call('models.catalogue');
    expect(catalogue).toHaveLength(14);
    expect(catalogue.filter((c) => c.default).map((c) => c.name)).toEqual(['BERT-Tiny']);
    expect(catalogue[0]).toMatchObject({ hubId: TINY.hubId, layers: 2, hiddenSize: 128, heads: 2, parameters: 4_385_920, cased: false, licence: 'apache-2.0' });
    const presets = await call('models.presets');
    expect(presets.find((p) => p.id === 'bert-base')?.pretrained).toEqual({ hubId: 'google-bert/bert-base-uncased', name: 'BERT-Base uncased' });
  });

  it('describes a catalogue model before it is downloaded, and a preset as random weights', async () => {
    const before = await call('models.describe', { model: { hub: TINY.hubId }, task: 'classification' });
    expect(before).toMatchObject({ kind: 'hub', name: 'BERT-Tiny', pretrained: true, available: false, newWeights: ['classifier.*'], shape: { layers: 2, parameters: 4_385_920 } });
    const preset = await call('models.describe', { model: { preset: 'bert-tiny' }, task: 'classification' });
    expect(preset).toMatchObject({ pretrained: false, notes: ['architecture only — random weights, for pre-training from scratch'] });
    await expect(call('models.describe', { model: { hub: 'x/y', revision: '../..' } })).rejects.toThrow('model.revision: "../.." is not a revision');
  });

  it('downloads with progress events (bytes, speed, time left), then lists and describes it as downloaded', async () => {
    hub.bytesPerSecond = 1_500_000;
    const started = await call('models.download', { hub: TINY.hubId });
    expect(started).toMatchObject({ hubId: TINY.hubId, revision: 'main', status: 'downloading' });
    await until(() => last(TINY.hubId)?.status === 'completed', 'the download');
    hub.bytesPerSecond = undefined;
    const states = downloadEvents(TINY.hubId);
    const moving = states.filter((s) => s.status === 'downloading' && s.totalBytes !== undefined && s.bytesPerSecond !== undefined);
    expect(moving.length).toBeGreaterThan(1);
    expect(moving.some((s) => s.etaSeconds !== undefined && s.etaSeconds > 0)).toBe(true);
    expect(last(TINY.hubId)).toMatchObject({ status: 'completed', commit: fakeCommit(TINY.hubId) });

    const cached = await call('models.cached');
    expect(cached.find((m) => m.hubId === TINY.hubId)).toMatchObject({ usable: true, inCatalogue: true, revision: 'main', commit: fakeCommit(TINY.hubId), layers: 1, hiddenSize: 32 });
    const after = await call('models.describe', { model: { hub: TINY.hubId }, task: 'classification' });
    expect(after).toMatchObject({ available: true, commit: fakeCommit(TINY.hubId), tokenizer: { source: 'vocab.txt', lowercase: true }, newWeights: ['classifier.*'] });
    expect((await call('models.describe', { model: { hub: TINY.hubId }, task: 'mlm' })).newWeights).toEqual([]);
  });

  it("counts a data set's tokens with the chosen model's tokenizer", async () => {
    const file = path.join(home, 'tiny.tsv');
    writeFileSync(file, 'sentence\tlabel\na fine film\tpositive\na dull film\tnegative\n');
    const report = await call('datasets.inspect', { task: 'classification', train: file, model: { hub: TINY.hubId } });
    expect(report.tokenizer).toBe('google/bert_uncased_L-2_H-128_A-2’s tokenizer');
    const fallback = await call('datasets.inspect', { task: 'classification', train: file, model: { hub: MINI.hubId } });
    expect(fallback.tokenizer).toContain('is not downloaded yet');
  });

  it('cancels a download; starting again resumes it from what arrived', async () => {
    hub.bytesPerSecond = 300_000;
    await call('models.setHubSettings', { token: 'hf_secret' });
    await call('models.download', { hub: MINI.hubId });
    await until(() => (last(MINI.hubId)?.bytes ?? 0) > 100_000, 'some bytes');
    await call('models.cancelDownload', { hub: MINI.hubId });
    await until(() => last(MINI.hubId)?.status === 'cancelled', 'the cancel');
    expect(last(MINI.hubId)?.errorKind).toBe('cancelled');
    hub.bytesPerSecond = undefined;
    hub.requests.length = 0;
    await call('models.download', { hub: MINI.hubId });
    await until(() => last(MINI.hubId)?.status === 'completed', 'the resumed download');
    const range = hub.requests.find((r) => r.server === 'cdn')?.range;
    expect(range).toMatch(/^bytes=\d+-$/);
    expect(Number(/\d+/.exec(range!)![0])).toBeGreaterThan(100_000);
    const weights = hub.repos.find((r) => r.id === MINI.hubId)!.files['model.safetensors']!;
    const stored = readFileSync(path.join(home, 'hf', 'hub', 'models--google--bert_uncased_L-4_H-256_A-4', 'snapshots', fakeCommit(MINI.hubId), 'model.safetensors'));
    expect(Buffer.compare(stored, Buffer.from(weights))).toBe(0);
  });

  it('a gated model fails naming the token, the session token opens it and is never sent back; offline uses only the cache', async () => {
    await call('models.setHubSettings', { token: null });
    const gated = 'google/bert_uncased_L-4_H-256_A-4';
    rmSync(path.join(home, 'hf', 'hub', 'models--google--bert_uncased_L-4_H-256_A-4'), { recursive: true, force: true });
    await call('models.download', { hub: gated });
    await until(() => last(gated)?.status === 'failed', 'the refusal');
    expect(last(gated)).toMatchObject({ errorKind: 'gated' });
    expect(last(gated)?.error).toContain('the Hub answered 401');
    const settings = await call('models.setHubSettings', { token: 'hf_secret' });
    expect(settings).toMatchObject({ tokenSet: true, tokenFromEnv: false, cacheDir: path.join(home, 'hf', 'hub'), endpoint: hub.endpoint });
    expect(JSON.stringify(settings)).not.toContain('hf_secret');
    await call('models.download', { hub: gated });
    await until(() => last(gated)?.status === 'completed', 'the gated download');

    await call('models.setHubSettings', { offline: true });
    hub.requests.length = 0;
    await call('models.download', { hub: TINY.hubId });
    await until(() => last(TINY.hubId)?.status === 'completed' && hub.requests.length === 0, 'the offline reuse');
    await call('models.download', { hub: 'google/bert_uncased_L-8_H-512_A-8' });
    await until(() => last('google/bert_uncased_L-8_H-512_A-8')?.status === 'failed', 'the offline refusal');
    expect(last('google/bert_uncased_L-8_H-512_A-8')).toMatchObject({ errorKind: 'not-cached' });
    expect(last('google/bert_uncased_L-8_H-512_A-8')?.error).toContain('offline mode');
    expect(hub.requests).toEqual([]);
    await call('models.setHubSettings', { offline: false });
  });

  it('refuses a DistilBERT naming its type; the cache lists it as unusable', async () => {
    await call('models.download', { hub: 'distilbert/distilbert-base-uncased' });
    await until(() => last('distilbert/distilbert-base-uncased')?.status === 'failed', 'the refusal');
    expect(last('distilbert/distilbert-base-uncased')).toMatchObject({ errorKind: 'not-bert' });
    const listed = (await call('models.cached')).find((m) => m.hubId === 'distilbert/distilbert-base-uncased');
    expect(listed).toMatchObject({ usable: false });
    expect(listed?.problem).toContain('model_type "distilbert"');
  });
});
