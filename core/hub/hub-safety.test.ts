// Path traversal through the Hub (issue #16): a server's commit and ETag and a person's
// revision become cache paths, so each is checked before use. A stand-in server that
// answers `"sha": "../../x"` or an ETag that is a path must not make a single file outside
// the cache; `--revision ../..` must not walk refs/.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { RepoCache } from './cache-node';
import { scanHubCache } from './cache-scan-node';
import { downloadModel, findCachedModel } from './download-node';
import { HubError, isRevisionName, validateCommit, validateEtag, validateRevision } from './hub';
import { hubErrorOf, startFakeHub, type FakeHub, type FakeRepo } from './testing-node';

const bytes = (text: string) => new TextEncoder().encode(text);
const files = { 'config.json': bytes('{"model_type": "bert", "hidden_size": 32}'), 'model.safetensors': new Uint8Array(64), 'vocab.txt': bytes('[PAD]\n') };

let hub: FakeHub;
let scratch: string;
let home: string;
let cacheDir: string;

/** Every path under `dir`, relative. */
function tree(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).sort();
}

beforeAll(async () => {
  const repos: FakeRepo[] = [
    { id: 'evil/sha', commit: '../../x', files },
    { id: 'evil/sha-abs', commit: '/tmp/owned', files },
    { id: 'evil/etag', commit: 'e'.repeat(40), files, etags: { 'config.json': '../../../../escaped' } },
    { id: 'evil/lfs-etag', commit: 'f'.repeat(40), files, etags: { 'model.safetensors': '../blobs-out/x' } },
  ];
  hub = await startFakeHub(repos);
  scratch = mkdtempSync(path.join(tmpdir(), 'bert-hub-safety-'));
});
afterAll(async () => {
  await hub.close();
  rmSync(scratch, { recursive: true, force: true });
});
beforeEach(() => {
  // The cache sits two levels down, so "../../x" from a snapshot would land inside `home`.
  home = mkdtempSync(path.join(scratch, 'home-'));
  cacheDir = path.join(home, 'hf', 'hub');
  mkdirSync(cacheDir, { recursive: true });
});

const env = () => ({ HF_ENDPOINT: hub.endpoint, HF_HUB_CACHE: cacheDir });

describe('server-supplied path parts', () => {
  it('a commit that is a path is refused before anything is written', async () => {
    for (const id of ['evil/sha', 'evil/sha-abs']) {
      const error = await hubErrorOf(downloadModel(id, { env: env() }));
      expect(error.kind).toBe('unsafe-answer');
      expect(error.message).toContain('is not a 40-hex-digit commit id; nothing was written');
    }
    expect(tree(home)).toEqual(['hf', path.join('hf', 'hub')]);
    expect(existsSync('/tmp/owned')).toBe(false);
  });

  it('an ETag that is a path is refused, for plain and LFS files alike', async () => {
    const plain = await hubErrorOf(downloadModel('evil/etag', { env: env() }));
    expect(plain.kind).toBe('unsafe-answer');
    expect(plain.message).toContain('the Hub gave the ETag "../../../../escaped" for config.json, which is not a hex digest');
    const lfs = await hubErrorOf(downloadModel('evil/lfs-etag', { env: env() }));
    expect(lfs.message).toContain('for model.safetensors');
    // Only the repositories' own folders exist, and nothing escaped them.
    for (const entry of tree(home)) expect(entry === 'hf' || entry.startsWith(path.join('hf', 'hub')), entry).toBe(true);
    expect(tree(home).some((entry) => entry.includes('escaped') || entry.includes('blobs-out'))).toBe(false);
  });
});

describe('user-supplied path parts', () => {
  it('--revision ../.. and friends are refused before any request', async () => {
    hub.requests.length = 0;
    for (const revision of ['../..', '..', 'refs/../../x', '/etc/passwd', 'a//b', '.hidden', 'main.lock', 'x\\y', '']) {
      const error = await hubErrorOf(downloadModel('evil/sha', { env: env(), revision }));
      expect(error.kind, revision).toBe('invalid-revision');
    }
    await expect(findCachedModel('evil/sha', { env: env(), revision: '../..' })).rejects.toThrow('is not a revision');
    expect(hub.requests).toEqual([]);
  });

  it('accepts real ref names and commits', () => {
    for (const revision of ['main', 'v1.0', 'refs/pr/3', 'release-2024_01', 'a'.repeat(40)]) expect(isRevisionName(revision), revision).toBe(true);
    expect(() => validateRevision('../x')).toThrow(HubError);
    expect(validateCommit('0123456789abcdef0123456789abcdef01234567', 'x')).toHaveLength(40);
    expect(() => validateCommit('0123456789ABCDEF0123456789ABCDEF01234567', 'x')).toThrow('not a 40-hex-digit');
    expect(validateEtag('a'.repeat(64), 'f')).toBe('a'.repeat(64));
    expect(() => validateEtag('a'.repeat(63), 'f')).toThrow('not a hex digest');
  });
});

describe('what the cache holds on disk is data too', () => {
  it('a ref file naming a path, and snapshot folders that are not commits, are ignored', async () => {
    const repo = new RepoCache(cacheDir, 'org/model');
    mkdirSync(path.join(repo.dir, 'refs'), { recursive: true });
    writeFileSync(path.join(repo.dir, 'refs', 'main'), '../../../../etc');
    mkdirSync(path.join(repo.dir, 'snapshots', 'not-a-commit'), { recursive: true });
    writeFileSync(path.join(repo.dir, 'snapshots', 'not-a-commit', 'config.json'), '{}');
    expect(await repo.readRef('main')).toBeUndefined();
    expect(await findCachedModel('org/model', { env: env() })).toBeUndefined();
    const [scanned] = await scanHubCache(cacheDir);
    expect(scanned).toMatchObject({ repoId: 'org/model', refs: {}, snapshots: [] });
    expect(() => repo.blob('../x')).toThrow('refusing the ETag');
    expect(() => repo.snapshotFile('a'.repeat(40), '../config.json')).toThrow('refusing the file name');
  });
});
