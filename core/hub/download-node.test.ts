// Hub downloads against a stand-in Hub on 127.0.0.1 (no real network): Hugging Face's cache
// layout, resuming a dropped or interrupted download with a Range, reuse without a second
// download, offline mode, gated models and the token, and pytorch_model.bin-only repos.
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readFileSync, readlinkSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { loadHfModel } from '../checkpoint/hf-folder-node';
import { REFERENCE_DIR, referenceCheckpointDir } from '../model/testing';
import { hubCacheDir } from './cache-node';
import { downloadModel, type DownloadOptions, type DownloadProgress } from './download-node';
import { repoIdFromCachePath } from './hub';
import { hubErrorOf, startFakeHub, type FakeHub } from './testing-node';

const COMMIT = 'a'.repeat(40);
const BIN_COMMIT = 'b'.repeat(40);
const GATED_COMMIT = 'c'.repeat(40);
const read = (dir: string, file: string) => new Uint8Array(readFileSync(path.join(dir, file)));
const classifier = referenceCheckpointDir('sequence-classification');
const classifierBin = path.join(REFERENCE_DIR, 'checkpoints', 'sequence-classification-bin');
const weights = read(classifier, 'model.safetensors');

let hub: FakeHub;
let scratch: string;
let cacheDir: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  scratch = mkdtempSync(path.join(tmpdir(), 'bert-hub-'));
  const common = { 'config.json': read(classifier, 'config.json'), 'vocab.txt': read(classifier, 'vocab.txt'), 'tokenizer_config.json': read(classifier, 'tokenizer_config.json') };
  hub = await startFakeHub([
    { id: 'google/bert_uncased_L-2_H-32', commit: COMMIT, files: { ...common, 'model.safetensors': weights, 'README.md': new TextEncoder().encode('# card') } },
    { id: 'bert-bin-only', commit: BIN_COMMIT, files: { 'config.json': read(classifierBin, 'config.json'), 'pytorch_model.bin': read(classifierBin, 'pytorch_model.bin'), 'vocab.txt': common['vocab.txt'] } },
    { id: 'org/gated-bert', commit: GATED_COMMIT, files: { ...common, 'model.safetensors': weights }, gatedToken: 'hf_allowed' },
  ]);
});
afterAll(async () => {
  await hub.close();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => {
  cacheDir = mkdtempSync(path.join(scratch, 'cache-'));
  hub.requests.length = 0;
  hub.dropAfterBytes = undefined;
});

function options(extra: Partial<DownloadOptions> = {}): DownloadOptions {
  return { env: { HF_ENDPOINT: hub.endpoint, HF_HUB_CACHE: cacheDir }, ...extra };
}

describe('downloadModel', () => {
  it("fills Hugging Face's cache layout, resuming a dropped connection with a Range, and the folder loads", async () => {
    hub.dropAfterBytes = 40_000;
    const progress: DownloadProgress[] = [];
    const result = await downloadModel('google/bert_uncased_L-2_H-32', options({ onProgress: (p) => progress.push(p) }));
    const repoDir = path.join(cacheDir, 'models--google--bert_uncased_L-2_H-32');
    expect(result).toMatchObject({ commit: COMMIT, revision: 'main', dir: path.join(repoDir, 'snapshots', COMMIT), warnings: [] });
    expect(result.files).toEqual(['config.json', 'model.safetensors', 'vocab.txt', 'tokenizer_config.json']);
    expect(result.downloaded).toEqual(result.files);
    expect(readFileSync(path.join(repoDir, 'refs', 'main'), 'utf8')).toBe(COMMIT);

    // Snapshot files are relative links to blobs named by ETag (sha256 for the LFS file).
    const sha = createHash('sha256').update(weights).digest('hex');
    const link = path.join(result.dir, 'model.safetensors');
    expect(lstatSync(link).isSymbolicLink()).toBe(true);
    expect(readlinkSync(link)).toBe(path.join('..', '..', 'blobs', sha));
    expect(Buffer.from(readFileSync(link)).equals(Buffer.from(weights))).toBe(true);
    expect(existsSync(path.join(repoDir, 'blobs', `${sha}.incomplete`))).toBe(false);

    const cdn = hub.requests.filter((r) => r.server === 'cdn');
    expect(cdn.map((r) => r.range)).toEqual([undefined, 'bytes=40000-']);
    expect(cdn.every((r) => r.authorization === undefined)).toBe(true);
    const bytes = progress.filter((p) => p.file === 'model.safetensors' && p.phase === 'progress').map((p) => p.bytes);
    expect(bytes[bytes.length - 1]).toBe(weights.byteLength);
    expect(progress.find((p) => p.file === 'model.safetensors' && p.phase === 'start' && p.bytes === 40_000)).toBeDefined();

    const { model } = await loadHfModel(result.dir);
    expect(model.head.architecture).toBe('BertForSequenceClassification');
    model.dispose();
  });

  it('reuses the cache without downloading again, and offline makes no request at all', async () => {
    await downloadModel('google/bert_uncased_L-2_H-32', options());
    hub.requests.length = 0;
    const again = await downloadModel('google/bert_uncased_L-2_H-32', options());
    expect(again.cached).toEqual(again.files);
    expect(again.downloaded).toEqual([]);
    expect(hub.requests.map((r) => r.path)).toEqual(['/api/models/google/bert_uncased_L-2_H-32/revision/main']);

    hub.requests.length = 0;
    const offline = await downloadModel('google/bert_uncased_L-2_H-32', { env: { HF_HUB_CACHE: cacheDir, HF_HUB_OFFLINE: '1' } });
    expect(offline).toMatchObject({ commit: COMMIT, dir: again.dir, downloaded: [] });
    expect(hub.requests).toEqual([]);
    const missing = await hubErrorOf(downloadModel('bert-large-uncased', { env: { HF_HUB_CACHE: cacheDir, HF_HUB_OFFLINE: '1' } }));
    expect(missing.kind).toBe('not-cached');
    expect(missing.message).toContain('bert-large-uncased (main) is not in the Hugging Face cache');
    expect(missing.message).toContain('HF_HUB_OFFLINE=1');
  });

  it('finds a cache written by Python tools (plain files, HF_HOME), and falls back to it when the Hub is unreachable', async () => {
    const home = path.join(scratch, 'hf-home');
    const snapshot = path.join(home, 'hub', 'models--google--bert_uncased_L-2_H-32', 'snapshots', COMMIT);
    mkdirSync(snapshot, { recursive: true });
    for (const file of ['config.json', 'model.safetensors', 'vocab.txt']) writeFileSync(path.join(snapshot, file), read(classifier, file));
    mkdirSync(path.join(home, 'hub', 'models--google--bert_uncased_L-2_H-32', 'refs'));
    writeFileSync(path.join(home, 'hub', 'models--google--bert_uncased_L-2_H-32', 'refs', 'main'), COMMIT);
    expect(hubCacheDir({ HF_HOME: home })).toBe(path.join(home, 'hub'));
    expect(repoIdFromCachePath(snapshot + path.sep)).toBe('google/bert_uncased_L-2_H-32');

    const down = 'http://127.0.0.1:9'; // discard port: nothing listens
    const cached = await downloadModel('google/bert_uncased_L-2_H-32', { env: { HF_HOME: home, HF_ENDPOINT: down } });
    expect(cached.files).toEqual(['config.json', 'model.safetensors', 'vocab.txt']);
    expect(cached.warnings[0]).toContain(`cannot reach ${down}`);
    const none = await hubErrorOf(downloadModel('bert-bin-only', { env: { HF_HOME: home, HF_ENDPOINT: down } }));
    expect(none.kind).toBe('network');
    expect(none.message).toContain('cannot reach http://127.0.0.1:9');
  }, 60_000);

  it('resumes a download an earlier run left .incomplete', async () => {
    const sha = createHash('sha256').update(weights).digest('hex');
    const blobs = path.join(cacheDir, 'models--google--bert_uncased_L-2_H-32', 'blobs');
    mkdirSync(blobs, { recursive: true });
    writeFileSync(path.join(blobs, `${sha}.incomplete`), weights.subarray(0, 12_345));
    const result = await downloadModel('google/bert_uncased_L-2_H-32', options());
    expect(hub.requests.filter((r) => r.server === 'cdn').map((r) => r.range)).toEqual(['bytes=12345-']);
    expect(Buffer.from(readFileSync(path.join(result.dir, 'model.safetensors'))).equals(Buffer.from(weights))).toBe(true);
  });

  it('takes pytorch_model.bin when the repository has no safetensors, and it loads', async () => {
    const result = await downloadModel('bert-bin-only', options());
    expect(result.files).toEqual(['config.json', 'pytorch_model.bin', 'vocab.txt']);
    expect(result.warnings).toEqual([]);
    const { model } = await loadHfModel(result.dir);
    expect(model.params.get('classifier.weight').shape).toEqual([3, 32]);
    model.dispose();
  });

  it('explains gated models and unknown ids, naming HF_TOKEN; the token opens the gate', async () => {
    const gated = await hubErrorOf(downloadModel('org/gated-bert', options()));
    expect(gated.kind).toBe('gated');
    expect(gated.message).toContain('org/gated-bert is gated or private (the Hub answered 401');
    expect(gated.message).toContain('Set HF_TOKEN');
    const wrongToken = await hubErrorOf(downloadModel('org/gated-bert', options({ token: 'hf_other' })));
    expect(wrongToken.message).toContain('answered 403');
    expect(wrongToken.message).toContain('The token in HF_TOKEN does not give access');

    const ok = await downloadModel('org/gated-bert', { env: { HF_ENDPOINT: hub.endpoint, HF_HUB_CACHE: cacheDir, HF_TOKEN: 'hf_allowed' } });
    expect(ok.downloaded).toContain('model.safetensors');
    expect(hub.requests.filter((r) => r.server === 'hub' && r.path.includes('gated')).every((r) => r.authorization === undefined || r.authorization.startsWith('Bearer '))).toBe(true);
    expect(hub.requests.filter((r) => r.server === 'cdn').every((r) => r.authorization === undefined)).toBe(true);

    const unknown = await hubErrorOf(downloadModel('nobody/nothing', options()));
    expect(unknown.kind).toBe('not-found');
    expect(unknown.message).toContain(`there is no model nobody/nothing on ${hub.endpoint}`);
    expect((await hubErrorOf(downloadModel('../etc', options()))).kind).toBe('invalid-id');
    const revision = await hubErrorOf(downloadModel('google/bert_uncased_L-2_H-32', options({ revision: 'v9' })));
    expect(revision.message).toContain('has no revision v9');
  });
});
