// What the Hugging Face cache on this machine already holds: every model repository
// folder (models--org--name) with its refs, its snapshots and whether each is a complete
// checkpoint, read the way huggingface_hub's `scan_cache_dir` reads it. People who used
// Transformers have models there already; the app lists the BERT ones as downloaded.
// Names found on disk are data too: only valid repo ids, commits and ref names are used.
import { existsSync } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { architectureProblem } from '../model/config';
import { RepoCache } from './cache-node';
import { CONFIG_FILE, isCommitHash, isRevisionName, PYTORCH_BIN_FILE, SAFETENSORS_FILE, TOKENIZER_JSON_FILE, validateRepoId, VOCAB_FILE } from './hub';

export interface CachedSnapshot {
  commit: string;
  dir: string;
  /** The checkpoint files it holds (links to blobs that exist, or plain files). */
  files: string[];
  /** config.json and weights: a folder loadHfModel reads. */
  complete: boolean;
  /** config.json as stored (undefined when missing or unreadable). */
  config?: Record<string, unknown>;
  /** Why it is not a BERT this app can train (another model_type…); undefined when it is one. */
  notBert?: string;
  modified: string;
}

export interface CachedRepo {
  repoId: string;
  dir: string;
  /** Revision (branch or tag) -> the commit it pointed at when last downloaded. */
  refs: Record<string, string>;
  /** Newest first. */
  snapshots: CachedSnapshot[];
  /** Bytes of the blobs, partial downloads included. */
  sizeBytes: number;
  /** Bytes in blobs/*.incomplete: downloads that stopped and resume on the next download. */
  incompleteBytes: number;
}

const CHECKPOINT_FILES = [CONFIG_FILE, SAFETENSORS_FILE, PYTORCH_BIN_FILE, VOCAB_FILE, 'tokenizer_config.json', 'special_tokens_map.json', TOKENIZER_JSON_FILE];

async function listDir(dir: string): Promise<string[]> {
  try {
    return await readdir(dir);
  } catch {
    return [];
  }
}

/** refs/ may hold nested names (refs/pr/3); each file's content must be a commit id. */
async function readRefs(cache: RepoCache, dir: string, prefix = ''): Promise<Record<string, string>> {
  const refs: Record<string, string> = {};
  for (const name of await listDir(dir)) {
    const revision = prefix ? `${prefix}/${name}` : name;
    if (!isRevisionName(revision)) continue;
    const full = path.join(dir, name);
    const info = await stat(full).catch(() => undefined);
    if (info?.isDirectory()) Object.assign(refs, await readRefs(cache, full, revision));
    else if (info?.isFile()) {
      const commit = await cache.readRef(revision);
      if (commit) refs[revision] = commit;
    }
  }
  return refs;
}

async function readConfig(file: string): Promise<Record<string, unknown> | undefined> {
  try {
    const json: unknown = JSON.parse(await readFile(file, 'utf8'));
    return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

async function scanSnapshot(cache: RepoCache, commit: string): Promise<CachedSnapshot> {
  const dir = cache.snapshotDir(commit);
  // existsSync follows links: a link to a blob that is gone counts as missing.
  const files = CHECKPOINT_FILES.filter((file) => existsSync(path.join(dir, file)));
  const config = files.includes(CONFIG_FILE) ? await readConfig(path.join(dir, CONFIG_FILE)) : undefined;
  const complete = config !== undefined && (files.includes(SAFETENSORS_FILE) || files.includes(PYTORCH_BIN_FILE));
  const notBert = config ? architectureProblem(config) : undefined;
  const modified = (await stat(dir).catch(() => undefined))?.mtime ?? new Date(0);
  return { commit, dir, files, complete, ...(config ? { config } : {}), ...(notBert ? { notBert } : {}), modified: modified.toISOString() };
}

async function blobBytes(dir: string): Promise<{ total: number; incomplete: number }> {
  let total = 0;
  let incomplete = 0;
  for (const name of await listDir(dir)) {
    const info = await stat(path.join(dir, name)).catch(() => undefined);
    if (!info?.isFile()) continue;
    total += info.size;
    if (name.endsWith('.incomplete')) incomplete += info.size;
  }
  return { total, incomplete };
}

/** The repository of one cache folder, or undefined when the folder is not one. */
export async function scanRepo(cacheDir: string, folder: string): Promise<CachedRepo | undefined> {
  const match = /^models--(.+)$/.exec(folder);
  if (!match) return undefined;
  let repoId: string;
  try {
    repoId = validateRepoId(match[1]!.split('--').join('/'));
  } catch {
    return undefined;
  }
  const cache = new RepoCache(cacheDir, repoId);
  const refs = await readRefs(cache, path.join(cache.dir, 'refs'));
  const commits = (await listDir(path.join(cache.dir, 'snapshots'))).filter(isCommitHash);
  const snapshots = (await Promise.all(commits.map((commit) => scanSnapshot(cache, commit)))).sort((a, b) => b.modified.localeCompare(a.modified));
  const { total, incomplete } = await blobBytes(path.join(cache.dir, 'blobs'));
  return { repoId, dir: cache.dir, refs, snapshots, sizeBytes: total, incompleteBytes: incomplete };
}

/** Every model repository in the cache, sorted by id. */
export async function scanHubCache(cacheDir: string): Promise<CachedRepo[]> {
  const repos = await Promise.all((await listDir(cacheDir)).map((folder) => scanRepo(cacheDir, folder)));
  return repos.filter((repo): repo is CachedRepo => repo !== undefined).sort((a, b) => a.repoId.localeCompare(b.repoId));
}
