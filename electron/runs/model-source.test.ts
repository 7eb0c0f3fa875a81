// Runs from every kind of model source, end to end through runTrainingJob: a Hub model
// downloaded from the stand-in Hub, the same run again from the cache with the Hub gone, a
// folder written in huggingface_hub's own cache layout by hand, a cased model without
// tokenizer_config.json, a local folder and a preset — each recording where its weights
// came from in run.json.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initNodeBackend } from '../../core/backend/node-backends';
import { loadHfModel } from '../../core/checkpoint/hf-folder-node';
import { catalogueEntry } from '../../core/hub/catalogue';
import { scanHubCache } from '../../core/hub/cache-scan-node';
import { catalogueRepo, fakeCommit, generatedCheckpoint } from '../../core/hub/testing-checkpoints-node';
import { startFakeHub, type FakeHub } from '../../core/hub/testing-node';
import { referenceCheckpointDir } from '../../core/model/testing';
import type { TrainerEvent } from '../../core/train/events';
import { folderDigest, modelConfigFor, resolveModelSource } from './model-source';
import { RunStore } from './run-store';
import { runTrainingJob } from './training-job';

const TINY = catalogueEntry('google/bert_uncased_L-2_H-128_A-2')!;
const CASED = catalogueEntry('google-bert/bert-base-cased')!;
const SMALL = { layers: 1, hidden: 32, heads: 2 };
const saved = { ...process.env };

let hub: FakeHub;
let root: string;
let store: RunStore;
let cacheDir: string;

beforeAll(async () => {
  await initNodeBackend();
  hub = await startFakeHub([await catalogueRepo(TINY, { shrink: SMALL }), await catalogueRepo(CASED, { shrink: SMALL, tokenizerConfig: false })]);
  root = mkdtempSync(path.join(tmpdir(), 'model-source-'));
  cacheDir = path.join(root, 'hf', 'hub');
  store = new RunStore(path.join(root, 'runs'));
  Object.assign(process.env, { HF_ENDPOINT: hub.endpoint, HF_HUB_CACHE: cacheDir });
  delete process.env.HF_HUB_OFFLINE;
  delete process.env.HF_TOKEN;
  const reviews = ['this movie is good', 'this film is great', 'I love this story', 'the plot is very good', 'this movie is bad', 'this film is terrible', 'I hate this plot', 'the actors are really bad'];
  writeFileSync(path.join(root, 'train.tsv'), ['sentence\tlabel', ...reviews.map((text, i) => `${text}\t${i < 4 ? 'positive' : 'negative'}`)].join('\n') + '\n');
});
afterAll(async () => {
  process.env = saved;
  await hub.close().catch(() => {});
  rmSync(root, { recursive: true, force: true });
});

async function train(name: string, model: Record<string, unknown>): Promise<{ id: string; events: TrainerEvent[] }> {
  const config = { task: 'classification', model, data: { train: path.join(root, 'train.tsv') }, training: { max_steps: 2, batch_size: 4, seed: 7 } };
  const id = (await store.create({ name, config, origin: 'cli' })).id;
  const events: TrainerEvent[] = [];
  const run = await runTrainingJob({ store, runId: id, onEvent: (e) => events.push(e) });
  expect(run.error).toBeUndefined();
  expect(run.status).toBe('completed');
  return { id, events };
}

const logs = (events: TrainerEvent[]) => events.flatMap((e) => (e.type === 'log' ? [e.message] : []));

describe('model sources', () => {
  it('a Hub model is downloaded, fine-tuned, and run.json names its id and commit; the head is said to be new', async () => {
    const { id, events } = await train('hub', { hub: TINY.hubId });
    const run = await store.get(id);
    expect(run.weights_from).toEqual({ source: 'hub', id: TINY.hubId, revision: 'main', commit: fakeCommit(TINY.hubId) });
    expect(logs(events).some((m) => m.startsWith('downloading the model:'))).toBe(true);
    expect(logs(events)).toContain(`weights: ${TINY.hubId} at commit ${fakeCommit(TINY.hubId).slice(0, 10)} (main), downloaded config.json, model.safetensors, vocab.txt, tokenizer_config.json`);
    expect(logs(events).some((m) => m.startsWith('classifier.* newly initialised (the checkpoint has no sequence-classification head)'))).toBe(true);
    const { model, tokenizer } = await loadHfModel(path.join(store.dir(id), 'model'));
    expect(tokenizer?.vocab.split('\n').length).toBeGreaterThanOrEqual(30522);
    model.dispose();
  });

  it('a second run takes it from the cache with the Hub stopped', async () => {
    const endpoint = hub.endpoint;
    await hub.close();
    expect(await fetch(endpoint).then(() => 'up', () => 'down')).toBe('down');
    const { id, events } = await train('hub-cached', { hub: TINY.hubId });
    expect((await store.get(id)).weights_from).toMatchObject({ source: 'hub', commit: fakeCommit(TINY.hubId) });
    expect(logs(events).some((m) => m.includes('from the Hugging Face cache'))).toBe(true);
    // The estimate reads the cached config, with no network either.
    expect((await modelConfigFor({ hub: TINY.hubId, revision: 'main' })).hidden_size).toBe(32);
    hub = await startFakeHub([await catalogueRepo(TINY, { shrink: SMALL }), await catalogueRepo(CASED, { shrink: SMALL, tokenizerConfig: false })]);
    process.env.HF_ENDPOINT = hub.endpoint;
  });

  it("a folder written in huggingface_hub's cache layout is listed as downloaded and trains, offline", async () => {
    const id = 'someone/handmade-bert';
    const commit = 'ab'.repeat(20);
    const repo = path.join(cacheDir, 'models--someone--handmade-bert');
    mkdirSync(path.join(repo, 'blobs'), { recursive: true });
    mkdirSync(path.join(repo, 'snapshots', commit), { recursive: true });
    mkdirSync(path.join(repo, 'refs'));
    writeFileSync(path.join(repo, 'refs', 'main'), commit);
    for (const [file, bytes] of Object.entries(await generatedCheckpoint(TINY, { shrink: SMALL, seed: 3 }))) {
      const digest = createHash('sha256').update(bytes).digest('hex');
      writeFileSync(path.join(repo, 'blobs', digest), bytes);
      symlinkSync(path.join('..', '..', 'blobs', digest), path.join(repo, 'snapshots', commit, file));
    }
    const listed = (await scanHubCache(cacheDir)).find((r) => r.repoId === id);
    expect(listed?.snapshots[0]).toMatchObject({ commit, complete: true });
    process.env.HF_HUB_OFFLINE = '1';
    try {
      const { id: runId } = await train('handmade', { hub: id });
      expect((await store.get(runId)).weights_from).toEqual({ source: 'hub', id, revision: 'main', commit });
    } finally {
      delete process.env.HF_HUB_OFFLINE;
    }
    expect(hub.requests.some((r) => r.path.includes('handmade'))).toBe(false);
  });

  it('a cased model without tokenizer_config.json keeps its case, and says why', async () => {
    const { id, events } = await train('cased', { hub: CASED.hubId });
    expect(logs(events)).toContain("the checkpoint's tokenizer does not say whether it lowercases; BERT-Base cased is cased, so do_lower_case is false");
    const saved = JSON.parse(readFileSync(path.join(store.dir(id), 'model', 'tokenizer_config.json'), 'utf8')) as Record<string, unknown>;
    expect(saved.do_lower_case).toBe(false);
  });

  it('a local folder records its path and a digest of its model files; a preset records random init and its seed, with a warning', async () => {
    const dir = referenceCheckpointDir('sequence-classification');
    const { id } = await train('folder', { checkpoint: dir });
    expect((await store.get(id)).weights_from).toEqual({ source: 'folder', path: dir, sha256: await folderDigest(dir) });
    expect(await folderDigest(dir)).toMatch(/^[0-9a-f]{64}$/);

    const preset = await train('preset', { preset: 'bert-tiny' });
    expect((await store.get(preset.id)).weights_from).toEqual({ source: 'random', preset: 'bert-tiny', seed: 7 });
    expect(logs(preset.events)).toContain(
      'weights: random initialisation (bert-tiny preset, seed 7), not a pretrained model: a classification run from random weights does not learn language from a small data set; fine-tune BERT-Tiny (google/bert_uncased_L-2_H-128_A-2) instead',
    );
  });

  it('without downloading, a Hub model that is not cached is named as such', async () => {
    await expect(resolveModelSource({ hub: 'google/bert_uncased_L-4_H-256_A-4', revision: 'main' }, { download: false })).rejects.toThrow(
      'google/bert_uncased_L-4_H-256_A-4 (main) is not downloaded yet',
    );
    // The catalogue still knows its shape for the estimate.
    expect((await modelConfigFor({ hub: 'google/bert_uncased_L-4_H-256_A-4', revision: 'main' })).num_hidden_layers).toBe(4);
  });
});
