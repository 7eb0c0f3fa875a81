// Downloading a BERT checkpoint from the Hugging Face Hub into Hugging Face's own cache,
// the way huggingface_hub's snapshot download does, so that either tool reuses what the
// other fetched:
//   1. GET /api/models/{id}/revision/{rev} -> the commit and the file list
//      (offline, or when the Hub cannot be reached: refs/{rev} in the cache instead);
//   2. per file not in snapshots/{commit}: HEAD /{id}/resolve/{commit}/{file} without
//      following the CDN redirect -> ETag (X-Linked-Etag for LFS files), size, location;
//   3. GET the location into blobs/{etag}.incomplete, resuming with a Range after a dropped
//      connection (also one left by an earlier, interrupted run), then rename and link.
// HF_ENDPOINT, HF_TOKEN, HF_HOME / HF_HUB_CACHE and HF_HUB_OFFLINE mean what they mean there.
import { mkdir, open } from 'node:fs/promises';
import path from 'node:path';
import { hubCacheDir, RepoCache, type Env } from './cache-node';
import {
  checkpointFiles,
  CONFIG_FILE,
  DEFAULT_ENDPOINT,
  DEFAULT_REVISION,
  HubError,
  isCommitHash,
  normalizeEtag,
  PYTORCH_BIN_FILE,
  resolveUrl,
  revisionApiUrl,
  SAFETENSORS_FILE,
  validateRepoId,
} from './hub';

export interface DownloadProgress {
  file: string;
  /** 'cached': already in the cache, nothing fetched. */
  phase: 'start' | 'progress' | 'done' | 'cached';
  bytes: number;
  totalBytes?: number;
}

export interface DownloadOptions {
  revision?: string;
  /** Default HF_ENDPOINT, else https://huggingface.co. */
  endpoint?: string;
  /** Default HF_TOKEN (sent as `Authorization: Bearer`, to the Hub only, not its CDN). */
  token?: string;
  /** Default from HF_HUB_CACHE / HF_HOME. */
  cacheDir?: string;
  /** Use the cache only; default HF_HUB_OFFLINE=1. */
  offline?: boolean;
  onProgress?: (progress: DownloadProgress) => void;
  /** Attempts per file when the connection drops (each resumes where the last stopped). */
  retries?: number;
  env?: Env;
  fetch?: typeof fetch;
}

export interface DownloadResult {
  repoId: string;
  revision: string;
  commit: string;
  /** snapshots/<commit>: a checkpoint folder loadHfModel reads. */
  dir: string;
  /** The files the folder holds. */
  files: string[];
  downloaded: string[];
  /** Files found in the cache, not fetched. */
  cached: string[];
  warnings: string[];
}

interface Context {
  repoId: string;
  endpoint: string;
  token: string | undefined;
  cache: RepoCache;
  fetch: typeof fetch;
  retries: number;
  onProgress: (progress: DownloadProgress) => void;
}

const META_TIMEOUT_MS = 30_000;
const MAX_RELATIVE_REDIRECTS = 5;

function truthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

function authHeaders(ctx: Context, url: string): Record<string, string> {
  // Like requests after a redirect: the token goes to the Hub, never to another host.
  return ctx.token && new URL(url).origin === new URL(ctx.endpoint).origin ? { authorization: `Bearer ${ctx.token}` } : {};
}

/** A clear error for a refused or failed Hub answer about `what` (a file, or the model at a revision). */
function httpError(ctx: Context, response: Response, what: string, revision?: string): HubError {
  const code = response.headers.get('x-error-code');
  const tokenHint = ctx.token
    ? 'The token in HF_TOKEN does not give access to it: accept the model\'s conditions on its Hub page with that account, or use a token that may read it.'
    : 'Set HF_TOKEN to a Hugging Face access token (https://huggingface.co/settings/tokens) of an account that may read it.';
  if (code === 'RevisionNotFound') return new HubError('not-found', `${ctx.repoId} has no revision ${revision ?? what}`);
  if (code === 'RepositoryNotFound' || (response.status === 404 && revision !== undefined)) {
    return new HubError('not-found', `there is no model ${ctx.repoId} on ${ctx.endpoint} (or it is private: ${tokenHint})`);
  }
  if (code === 'GatedRepo' || response.status === 401 || response.status === 403) {
    return new HubError('gated', `${ctx.repoId} is gated or private (the Hub answered ${response.status} for ${what}). ${tokenHint}`);
  }
  return new HubError('http', `the Hub answered ${response.status} ${response.statusText} for ${what}`);
}

function networkError(ctx: Context, error: unknown): HubError {
  const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
  return new HubError('network', `cannot reach ${ctx.endpoint} (${cause}); check the connection, set HF_ENDPOINT for a mirror, or use the cache only (HF_HUB_OFFLINE=1)`);
}

async function request(ctx: Context, url: string, init: RequestInit): Promise<Response> {
  try {
    return await ctx.fetch(url, { ...init, headers: { ...authHeaders(ctx, url), ...(init.headers as Record<string, string> | undefined) } });
  } catch (error) {
    throw networkError(ctx, error);
  }
}

async function revisionInfo(ctx: Context, revision: string): Promise<{ commit: string; siblings?: string[] }> {
  const response = await request(ctx, revisionApiUrl(ctx.endpoint, ctx.repoId, revision), { signal: AbortSignal.timeout(META_TIMEOUT_MS) });
  if (!response.ok) throw httpError(ctx, response, `the model at ${revision}`, revision);
  const info = (await response.json()) as { sha?: string; siblings?: { rfilename: string }[] };
  if (!info.sha) throw new HubError('http', `the Hub's answer for ${ctx.repoId} has no commit (sha)`);
  return { commit: info.sha, ...(info.siblings ? { siblings: info.siblings.map((s) => s.rfilename) } : {}) };
}

interface FileMetadata {
  etag: string;
  size?: number;
  /** Where the bytes are: the CDN for LFS files. */
  location: string;
}

/** HEAD on the resolve URL; relative redirects (renamed repositories) are followed, the CDN's is not. */
async function fileMetadata(ctx: Context, commit: string, file: string): Promise<FileMetadata | undefined> {
  let url = resolveUrl(ctx.endpoint, ctx.repoId, commit, file);
  for (let hop = 0; ; hop++) {
    const response = await request(ctx, url, { method: 'HEAD', redirect: 'manual', headers: { 'accept-encoding': 'identity' }, signal: AbortSignal.timeout(META_TIMEOUT_MS) });
    const location = response.headers.get('location');
    if (response.status >= 300 && response.status < 400 && location && location.startsWith('/') && hop < MAX_RELATIVE_REDIRECTS) {
      url = new URL(location, url).toString();
      continue;
    }
    if (response.status === 404) return undefined;
    if (response.status >= 400) throw httpError(ctx, response, file);
    const etag = normalizeEtag(response.headers.get('x-linked-etag') ?? response.headers.get('etag'));
    if (!etag) throw new HubError('http', `the Hub gave no ETag for ${file}; is HF_ENDPOINT a Hugging Face Hub?`);
    const size = Number(response.headers.get('x-linked-size') ?? response.headers.get('content-length') ?? NaN);
    return { etag, ...(Number.isFinite(size) ? { size } : {}), location: location ? new URL(location, url).toString() : url };
  }
}

/** Streams `location` into blobs/<etag>.incomplete from where it stopped, then makes it the blob. */
async function fetchBlob(ctx: Context, file: string, meta: FileMetadata): Promise<void> {
  const { cache } = ctx;
  await mkdir(path.dirname(cache.blob(meta.etag)), { recursive: true });
  let lastError: unknown;
  for (let attempt = 0; attempt <= ctx.retries; attempt++) {
    let have = await cache.incompleteSize(meta.etag);
    if (meta.size !== undefined && have === meta.size) return cache.completeBlob(meta.etag);
    if (meta.size !== undefined && have > meta.size) have = 0; // not ours: start over
    const response = await request(ctx, meta.location, { headers: { 'accept-encoding': 'identity', ...(have > 0 ? { range: `bytes=${have}-` } : {}) } });
    if (response.status === 416 && meta.size === undefined && have > 0) return cache.completeBlob(meta.etag);
    if (!response.ok) throw httpError(ctx, response, file);
    // 200 to a Range request: the server sends it all again.
    const resumed = response.status === 206;
    let bytes = resumed ? have : 0;
    const total = meta.size ?? (response.headers.get('content-length') ? bytes + Number(response.headers.get('content-length')) : undefined);
    const handle = await open(cache.incomplete(meta.etag), resumed ? 'a' : 'w');
    try {
      ctx.onProgress({ file, phase: 'start', bytes, ...(total !== undefined ? { totalBytes: total } : {}) });
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        await handle.write(chunk);
        bytes += chunk.byteLength;
        ctx.onProgress({ file, phase: 'progress', bytes, ...(total !== undefined ? { totalBytes: total } : {}) });
      }
    } catch (error) {
      lastError = error; // a dropped connection: what arrived stays, the next attempt resumes
      continue;
    } finally {
      await handle.close();
    }
    if (total !== undefined && bytes !== total) {
      lastError = new Error(`got ${bytes} of ${total} bytes`);
      continue;
    }
    return cache.completeBlob(meta.etag);
  }
  const reason = lastError instanceof Error ? lastError.message : String(lastError);
  throw new HubError('network', `downloading ${file} of ${ctx.repoId} failed ${ctx.retries + 1} times (${reason}); run again to resume where it stopped`);
}

/** One file into the snapshot: fetched, found in the cache, or not on the Hub. */
async function downloadFile(ctx: Context, commit: string, file: string): Promise<'downloaded' | 'cached' | 'missing'> {
  if (ctx.cache.hasFile(commit, file)) {
    ctx.onProgress({ file, phase: 'cached', bytes: 0 });
    return 'cached';
  }
  if (ctx.cache.knownMissing(commit, file)) return 'missing';
  const meta = await fileMetadata(ctx, commit, file);
  if (!meta) {
    await ctx.cache.markMissing(commit, file);
    return 'missing';
  }
  if (ctx.cache.hasBlob(meta.etag)) {
    // Another revision fetched the same contents.
    await ctx.cache.linkSnapshot(commit, file, meta.etag);
    ctx.onProgress({ file, phase: 'cached', bytes: meta.size ?? 0, ...(meta.size !== undefined ? { totalBytes: meta.size } : {}) });
    return 'cached';
  }
  await fetchBlob(ctx, file, meta);
  await ctx.cache.linkSnapshot(commit, file, meta.etag);
  ctx.onProgress({ file, phase: 'done', bytes: meta.size ?? 0, ...(meta.size !== undefined ? { totalBytes: meta.size } : {}) });
  return 'downloaded';
}

/** The checkpoint as the cache holds it, without any network. */
async function fromCache(ctx: Context, revision: string, why: string): Promise<DownloadResult> {
  const commit = isCommitHash(revision) ? revision : await ctx.cache.readRef(revision);
  const notCached = (what: string) => new HubError('not-cached', `${ctx.repoId} (${revision}) ${what} in the Hugging Face cache ${path.dirname(ctx.cache.dir)}; ${why}`);
  if (!commit) throw notCached('is not');
  const weights = [SAFETENSORS_FILE, PYTORCH_BIN_FILE].find((f) => ctx.cache.hasFile(commit, f));
  if (!ctx.cache.hasFile(commit, CONFIG_FILE) || !weights) throw notCached('is only partly');
  const files = [CONFIG_FILE, weights, ...['vocab.txt', 'tokenizer_config.json', 'special_tokens_map.json'].filter((f) => ctx.cache.hasFile(commit, f))];
  for (const file of files) ctx.onProgress({ file, phase: 'cached', bytes: 0 });
  return { repoId: ctx.repoId, revision, commit, dir: ctx.cache.snapshotDir(commit), files, downloaded: [], cached: files, warnings: [] };
}

export async function downloadModel(repoId: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const env = options.env ?? process.env;
  const revision = options.revision ?? DEFAULT_REVISION;
  const ctx: Context = {
    repoId: validateRepoId(repoId),
    endpoint: options.endpoint ?? env.HF_ENDPOINT ?? DEFAULT_ENDPOINT,
    token: options.token ?? env.HF_TOKEN ?? env.HUGGING_FACE_HUB_TOKEN,
    cache: new RepoCache(options.cacheDir ?? hubCacheDir(env), repoId),
    fetch: options.fetch ?? fetch,
    retries: options.retries ?? 3,
    onProgress: options.onProgress ?? (() => {}),
  };
  if (options.offline ?? truthy(env.HF_HUB_OFFLINE)) return fromCache(ctx, revision, 'offline mode (HF_HUB_OFFLINE=1 / --offline) uses the cache only: download it once while online');

  let info: { commit: string; siblings?: string[] };
  try {
    info = await revisionInfo(ctx, revision);
  } catch (error) {
    // As huggingface_hub: when the Hub cannot be reached, what the cache has will do.
    if (!(error instanceof HubError && error.kind === 'network')) throw error;
    const cached = await fromCache(ctx, revision, error.message).catch(() => {
      throw error;
    });
    cached.warnings.push(`${error.message}; using the cached copy (commit ${cached.commit.slice(0, 8)})`);
    return cached;
  }

  const { commit } = info;
  const choice = checkpointFiles(ctx.repoId, info.siblings);
  const result: DownloadResult = { repoId: ctx.repoId, revision, commit, dir: ctx.cache.snapshotDir(commit), files: [], downloaded: [], cached: [], warnings: [] };
  const record = (file: string, outcome: 'downloaded' | 'cached' | 'missing') => {
    if (outcome === 'missing') return;
    result.files.push(file);
    result[outcome].push(file);
  };
  for (const file of choice.required) {
    const outcome = await downloadFile(ctx, commit, file);
    if (outcome === 'missing') throw new HubError('not-found', `${ctx.repoId} lists ${file} but the Hub has no such file at ${commit}`);
    record(file, outcome);
  }
  for (const file of choice.optional) {
    // Without a file list, the weights are "optional" candidates: safetensors first.
    if (file === PYTORCH_BIN_FILE && result.files.includes(SAFETENSORS_FILE)) continue;
    record(file, await downloadFile(ctx, commit, file));
  }
  if (!result.files.includes(SAFETENSORS_FILE) && !result.files.includes(PYTORCH_BIN_FILE)) {
    throw new HubError('no-weights', `${ctx.repoId} has neither ${SAFETENSORS_FILE} nor ${PYTORCH_BIN_FILE} at ${commit}`);
  }
  if (!result.files.includes('vocab.txt')) result.warnings.push(`${ctx.repoId} has no vocab.txt: give the model a tokenizer of its own before predicting from text`);
  if (revision !== commit) await ctx.cache.writeRef(revision, commit);
  return result;
}
