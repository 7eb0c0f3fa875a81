// The real download code against the stand-in Hub serving generated checkpoints under
// real catalogue ids: progress over the whole download, cancel and resume, a non-BERT
// config refused before its weights, two downloads of one model at once, and the cache
// scan of what huggingface_hub (or we) wrote.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { loadHfModel } from '../checkpoint/hf-folder-node';
import { loadTokenizer } from '../tokenizer/load-node';
import { catalogueEntry, type CatalogueEntry } from './catalogue';
import { scanHubCache } from './cache-scan-node';
import { downloadModel, type DownloadProgress } from './download-node';
import { catalogueRepo, distilbertRepo, fakeCommit } from './testing-checkpoints-node';
import { hubErrorOf, startFakeHub, type FakeHub } from './testing-node';

const TINY = catalogueEntry('google/bert_uncased_L-2_H-128_A-2')!;
const CASED = catalogueEntry('google-bert/bert-base-cased')!;
const SMALL = { layers: 1, hidden: 32, heads: 2 };

let hub: FakeHub;
let scratch: string;
let cacheDir: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  hub = await startFakeHub([
    await catalogueRepo(TINY, { shrink: SMALL }),
    await catalogueRepo(CASED, { shrink: SMALL, tokenizerConfig: false }),
    { ...(await catalogueRepo(catalogueEntry('dmis-lab/biobert-base-cased-v1.2') as CatalogueEntry, { shrink: SMALL })), gatedToken: 'hf_ok' },
    distilbertRepo(),
  ]);
  scratch = mkdtempSync(path.join(tmpdir(), 'bert-hub-catalogue-'));
});
afterAll(async () => {
  await hub.close();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => {
  cacheDir = mkdtempSync(path.join(scratch, 'cache-'));
  hub.requests.length = 0;
  hub.bytesPerSecond = undefined;
  hub.dropAfterBytes = undefined;
});

const env = () => ({ HF_ENDPOINT: hub.endpoint, HF_HUB_CACHE: cacheDir });
const sizeOf = (file: string) => hub.repos.find((r) => r.id === TINY.hubId)!.files[file]!.byteLength;

describe('a catalogue checkpoint from the stand-in Hub', () => {
  it('reports progress over the whole download, and the snapshot loads', async () => {
    const progress: DownloadProgress[] = [];
    const result = await downloadModel(TINY.hubId, { env: env(), onProgress: (p) => progress.push(p) });
    expect(result.commit).toBe(fakeCommit(TINY.hubId));
    const expectedTotal = sizeOf('model.safetensors') + sizeOf('vocab.txt') + sizeOf('tokenizer_config.json');
    const planned = progress.filter((p) => p.overall.totalBytes !== undefined && p.file !== 'config.json');
    expect(planned.every((p) => p.overall.totalBytes === expectedTotal)).toBe(true);
    const overall = planned.map((p) => p.overall.bytes);
    expect(overall.every((b, i) => i === 0 || b >= overall[i - 1]!)).toBe(true);
    expect(overall[overall.length - 1]).toBe(expectedTotal);
    const { model, report } = await loadHfModel(result.dir, { head: 'sequence-classification' });
    expect(model.config.vocab_size).toBe(30522);
    expect(report.initialised).toEqual(['classifier.weight', 'classifier.bias']);
    model.dispose();
  });

  it('cancels, keeps what arrived, and the next download resumes it with a Range', async () => {
    hub.bytesPerSecond = 400_000;
    const controller = new AbortController();
    let seen = 0;
    const error = await hubErrorOf(
      downloadModel(TINY.hubId, {
        env: env(),
        signal: controller.signal,
        onProgress: (p) => {
          if (p.file === 'model.safetensors' && p.phase === 'progress' && (seen = p.bytes) > 200_000) controller.abort();
        },
      }),
    );
    expect(error.kind).toBe('cancelled');
    expect(error.message).toContain('downloading again resumes from it');
    const blobs = path.join(cacheDir, 'models--google--bert_uncased_L-2_H-128_A-2', 'blobs');
    const sha = createHash('sha256').update(hub.repos.find((r) => r.id === TINY.hubId)!.files['model.safetensors']!).digest('hex');
    const partial = readFileSync(path.join(blobs, `${sha}.incomplete`)).byteLength;
    expect(partial).toBeGreaterThanOrEqual(seen);
    expect(partial).toBeLessThan(sizeOf('model.safetensors'));
    expect(existsSync(path.join(blobs, `${sha}.workbench-lock`))).toBe(false);

    hub.bytesPerSecond = undefined;
    hub.requests.length = 0;
    const progress: DownloadProgress[] = [];
    const result = await downloadModel(TINY.hubId, { env: env(), onProgress: (p) => progress.push(p) });
    expect(hub.requests.filter((r) => r.server === 'cdn').map((r) => r.range)).toEqual([`bytes=${partial}-`]);
    // The resumed part counts from the start: progress does not fall back to zero.
    expect(progress.find((p) => p.file === 'model.safetensors')!.overall.bytes).toBeGreaterThanOrEqual(partial);
    expect(readFileSync(path.join(result.dir, 'model.safetensors')).byteLength).toBe(sizeOf('model.safetensors'));
  });

  it('refuses a DistilBERT repository naming its type, before asking for its weights', async () => {
    const error = await hubErrorOf(downloadModel('distilbert/distilbert-base-uncased', { env: env() }));
    expect(error.kind).toBe('not-bert');
    expect(error.message).toContain('distilbert/distilbert-base-uncased is a distilbert model, not BERT');
    expect(error.message).toContain('Nothing but config.json was downloaded');
    const paths = hub.requests.map((r) => r.path);
    expect(paths.some((p) => p.includes('config.json'))).toBe(true);
    expect(paths.some((p) => p.includes('model.safetensors') || p.includes('vocab.txt'))).toBe(false);
    expect(hub.requests.some((r) => r.server === 'cdn')).toBe(false);
  });

  it('answers 401 for a gated catalogue model without a token, and downloads with one', async () => {
    const error = await hubErrorOf(downloadModel('dmis-lab/biobert-base-cased-v1.2', { env: env() }));
    expect(error.kind).toBe('gated');
    expect(error.message).toContain('the Hub answered 401');
    const ok = await downloadModel('dmis-lab/biobert-base-cased-v1.2', { env: env(), token: 'hf_ok' });
    expect(ok.downloaded).toContain('model.safetensors');
  });

  it('two downloads of one model at once fetch each blob once', async () => {
    hub.bytesPerSecond = 2_000_000;
    const [a, b] = await Promise.all([downloadModel(TINY.hubId, { env: env() }), downloadModel(TINY.hubId, { env: env() })]);
    expect(a.dir).toBe(b.dir);
    const weights = hub.requests.filter((r) => r.server === 'cdn' && r.method === 'GET');
    expect(weights).toHaveLength(1);
    expect(readFileSync(path.join(a.dir, 'model.safetensors')).byteLength).toBe(sizeOf('model.safetensors'));
  });
});

describe('a repository with only tokenizer.json', () => {
  it('fetches tokenizer.json when there is no vocab.txt, and the folder tokenizes with it', async () => {
    const files = hub.repos.find((r) => r.id === TINY.hubId)!.files;
    const vocab = new TextDecoder().decode(files['vocab.txt']!).split('\n').filter(Boolean);
    const tokenizerJson = {
      normalizer: { type: 'BertNormalizer', lowercase: true, strip_accents: null, handle_chinese_chars: true, clean_text: true },
      pre_tokenizer: { type: 'BertPreTokenizer' },
      model: { type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', vocab: Object.fromEntries(vocab.map((t, i) => [t, i])) },
    };
    hub.repos.push({ id: 'org/fast-only', commit: fakeCommit('org/fast-only'), files: { 'config.json': files['config.json']!, 'model.safetensors': files['model.safetensors']!, 'tokenizer.json': new TextEncoder().encode(JSON.stringify(tokenizerJson)) } });
    const result = await downloadModel('org/fast-only', { env: env() });
    expect(result.files).toEqual(['config.json', 'model.safetensors', 'tokenizer.json']);
    expect(result.warnings).toEqual([]);
    const tokenizer = await loadTokenizer(result.dir);
    expect(tokenizer.tokenize('Hello World').map((t) => t.text)).toEqual(['hello', 'world']);
  });
});

describe('scanHubCache', () => {
  it("lists a folder written in huggingface_hub's layout by hand, and what we downloaded, with refs and sizes", async () => {
    // As huggingface_hub writes it: blobs named by digest, snapshot links, refs/main.
    const commit = 'c'.repeat(40);
    const repo = path.join(cacheDir, 'models--org--handmade-bert');
    const config = JSON.stringify({ model_type: 'bert', hidden_size: 32, num_hidden_layers: 1, num_attention_heads: 2, intermediate_size: 64 });
    mkdirSync(path.join(repo, 'blobs'), { recursive: true });
    mkdirSync(path.join(repo, 'snapshots', commit), { recursive: true });
    mkdirSync(path.join(repo, 'refs'));
    writeFileSync(path.join(repo, 'refs', 'main'), commit);
    for (const [file, content] of [['config.json', config], ['model.safetensors', 'weights'], ['vocab.txt', '[PAD]\n']] as const) {
      const digest = createHash('sha256').update(content).digest('hex');
      writeFileSync(path.join(repo, 'blobs', digest), content);
      symlinkSync(path.join('..', '..', 'blobs', digest), path.join(repo, 'snapshots', commit, file));
    }
    writeFileSync(path.join(repo, 'blobs', `${'d'.repeat(64)}.incomplete`), 'abc');
    await downloadModel('distilbert/distilbert-base-uncased', { env: env() }).catch(() => undefined);

    const repos = await scanHubCache(cacheDir);
    expect(repos.map((r) => r.repoId)).toEqual(['distilbert/distilbert-base-uncased', 'org/handmade-bert']);
    const handmade = repos[1]!;
    expect(handmade.refs).toEqual({ main: commit });
    expect(handmade.snapshots).toHaveLength(1);
    expect(handmade.snapshots[0]).toMatchObject({ commit, complete: true, files: ['config.json', 'model.safetensors', 'vocab.txt'] });
    expect(handmade.snapshots[0]!.notBert).toBeUndefined();
    expect(handmade.incompleteBytes).toBe(3);
    expect(handmade.sizeBytes).toBe(config.length + 'weights'.length + 6 + 3);
    // A refused DistilBERT left only its config: incomplete, and said not to be BERT.
    expect(repos[0]!.snapshots[0]).toMatchObject({ complete: false, files: ['config.json'] });
    expect(repos[0]!.snapshots[0]!.notBert).toContain('model_type "distilbert"');
  });
});
