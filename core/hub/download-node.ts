// Downloading a BERT checkpoint from the Hugging Face Hub into Hugging Face's own cache,
// the way huggingface_hub's snapshot download does, so that either tool reuses what the
// other fetched:
//   1. GET /api/models/{id}/revision/{rev} -> the commit and the file list
//      (offline, or when the Hub cannot be reached: refs/{rev} in the cache instead);
//   2. config.json first, and a model that is not a BERT is refused before any weights;
//   3. per file not in snapshots/{commit}: HEAD /{id}/resolve/{commit}/{file} without
//      following the CDN redirect -> ETag (X-Linked-Etag for LFS files), size, location;
//      the sizes add up to the download's total, for progress and time left;
//   4. GET the location into blobs/{etag}.incomplete, resuming with a Range after a dropped
//      connection (also one left by an earlier, interrupted run or a cancel), then rename
//      and link.
// HF_ENDPOINT, HF_TOKEN, HF_HOME / HF_HUB_CACHE and HF_HUB_OFFLINE mean what they mean there.
// Every commit and ETag the server sends is checked before it becomes a path (hub.ts).
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { architectureProblem } from '../model/config';
import { withBlobLock } from './blob-lock-node';
import { hubCacheDir, RepoCache, type Env } from './cache-node';
import {
  checkpointFiles,
  CONFIG_FILE,
  DEFAULT_ENDPOINT,
  DEFAULT_REVISION,
  HubError,
  isCommitHash,
  normalizeEtag,
  OPTIONAL_FILES,
  PYTORCH_BIN_FILE,
  resolveUrl,
  revisionApiUrl,
  SAFETENSORS_FILE,
  TOKENIZER_JSON_FILE,
  validateCommit,
  validateEtag,
  validateRepoId,
  validateRevision,
  VOCAB_FILE,
} from './hub';

export interface DownloadProgress {
  file: string;
  /** 'cached': already in the cache, nothing fetched. */
  phase: 'start' | 'progress' | 'done' | 'cached';
  /** Of this file. */
  bytes: number;
  totalBytes?: number;
  /**
   * The whole download: bytes of the files being fetched that are on disk (a resumed
   * .incomplete counts), and the sum of their sizes once the Hub has said them all
   * (undefined while config.json is checked).
   */
  overall: { bytes: number; totalBytes?: number };
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
  /** Stops the download; what arrived stays in blobs/*.incomplete for the next one to resume. */
  signal?: AbortSignal;
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
  signal: AbortSignal | undefined;
  onProgress: (progress: DownloadProgress) => void;
  overall: { bytes: number; totalBytes?: number };
}

const META_TIMEOUT_MS = 30_000;
const MAX_RELATIVE_REDIRECTS = 5;

function truthy(value: string | undefined): boolean {
  return value !== undefined && ['1', 'true', 'yes', 'on'].includes(value.toLowerCase());
}

/** Where the cache is and whether to stay offline, as the options and HF_* variables say. */
export function hubOptions(options: Pick<DownloadOptions, 'cacheDir' | 'offline' | 'env' | 'endpoint'> = {}): { cacheDir: string; offline: boolean; endpoint: string } {
  const env = options.env ?? process.env;
  return {
    cacheDir: options.cacheDir ?? hubCacheDir(env),
    offline: options.offline ?? truthy(env.HF_HUB_OFFLINE),
    endpoint: options.endpoint ?? env.HF_ENDPOINT ?? DEFAULT_ENDPOINT,
  };
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

function cancelled(ctx: Context): HubError {
  return new HubError('cancelled', `the download of ${ctx.repoId} was cancelled; what arrived is kept, and downloading again resumes from it`);
}

function networkError(ctx: Context, error: unknown): HubError {
  if (ctx.signal?.aborted) return cancelled(ctx);
  const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
  return new HubError('network', `cannot reach ${ctx.endpoint} (${cause}); check the connection, set HF_ENDPOINT for a mirror, or use the cache only (HF_HUB_OFFLINE=1)`);
}

function withTimeout(ctx: Context, ms: number): AbortSignal {
  const timeout = AbortSignal.timeout(ms);
  return ctx.signal ? AbortSignal.any([ctx.signal, timeout]) : timeout;
}

async function request(ctx: Context, url: string, init: RequestInit): Promise<Response> {
  if (ctx.signal?.aborted) throw cancelled(ctx);
  try {
    return await ctx.fetch(url, { ...init, headers: { ...authHeaders(ctx, url), ...(init.headers as Record<string, string> | undefined) } });
  } catch (error) {
    throw networkError(ctx, error);
  }
}

async function revisionInfo(ctx: Context, revision: string): Promise<{ commit: string; siblings?: string[] }> {
  const response = await request(ctx, revisionApiUrl(ctx.endpoint, ctx.repoId, revision), { signal: withTimeout(ctx, META_TIMEOUT_MS) });
  if (!response.ok) throw httpError(ctx, response, `the model at ${revision}`, revision);
  let info: { sha?: unknown; siblings?: { rfilename?: unknown }[] };
  try {
    info = (await response.json()) as typeof info;
  } catch {
    throw new HubError('http', `the Hub's answer for ${ctx.repoId} at ${revision} is not JSON; is HF_ENDPOINT a Hugging Face Hub?`);
  }
  const commit = validateCommit(info.sha, `the Hub (${ctx.endpoint}) for ${ctx.repoId} at ${revision}`);
  const siblings = Array.isArray(info.siblings) ? info.siblings.map((s) => s.rfilename).filter((f): f is string => typeof f === 'string') : undefined;
  return { commit, ...(siblings ? { siblings } : {}) };
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
    const response = await request(ctx, url, { method: 'HEAD', redirect: 'manual', headers: { 'accept-encoding': 'identity' }, signal: withTimeout(ctx, META_TIMEOUT_MS) });
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
    return { etag: validateEtag(etag, file), ...(Number.isFinite(size) ? { size } : {}), location: location ? new URL(location, url).toString() : url };
  }
}

/** Streams `location` into blobs/<etag>.incomplete from where it stopped, then makes it the blob. */
async function fetchBlob(ctx: Context, file: string, meta: FileMetadata): Promise<void> {
  const { cache } = ctx;
  await mkdir(path.dirname(cache.blob(meta.etag)), { recursive: true });
  let lastError: unknown;
  // Bytes of this file already counted in ctx.overall (a resumed part counts from the plan).
  let counted = await cache.incompleteSize(meta.etag);
  const count = (bytes: number) => {
    ctx.overall.bytes += bytes - counted;
    counted = bytes;
  };
  for (let attempt = 0; attempt <= ctx.retries; attempt++) {
    let have = await cache.incompleteSize(meta.etag);
    if (meta.size !== undefined && have === meta.size) return cache.completeBlob(meta.etag);
    if (meta.size !== undefined && have > meta.size) have = 0; // not ours: start over
    const response = await request(ctx, meta.location, { headers: { 'accept-encoding': 'identity', ...(have > 0 ? { range: `bytes=${have}-` } : {}) }, ...(ctx.signal ? { signal: ctx.signal } : {}) });
    if (response.status === 416 && meta.size === undefined && have > 0) return cache.completeBlob(meta.etag);
    if (!response.ok) throw httpError(ctx, response, file);
    // 200 to a Range request: the server sends it all again.
    const resumed = response.status === 206;
    let bytes = resumed ? have : 0;
    count(bytes);
    const total = meta.size ?? (response.headers.get('content-length') ? bytes + Number(response.headers.get('content-length')) : undefined);
    const report = (phase: 'start' | 'progress') => ctx.onProgress({ file, phase, bytes, ...(total !== undefined ? { totalBytes: total } : {}), overall: { ...ctx.overall } });
    const handle = await open(cache.incomplete(meta.etag), resumed ? 'a' : 'w');
    try {
      report('start');
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) {
        await handle.write(chunk);
        bytes += chunk.byteLength;
        count(bytes);
        report('progress');
      }
    } catch (error) {
      if (ctx.signal?.aborted) throw cancelled(ctx);
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

type FilePlan = { file: string; state: 'cached' } | { file: string; state: 'missing' } | { file: string; state: 'fetch'; meta: FileMetadata };

/** What getting `file` at `commit` takes: nothing (in the snapshot), nothing (not on the Hub), or a blob from `meta`. */
async function planFile(ctx: Context, commit: string, file: string): Promise<FilePlan> {
  if (ctx.cache.hasFile(commit, file)) return { file, state: 'cached' };
  if (ctx.cache.knownMissing(commit, file)) return { file, state: 'missing' };
  const meta = await fileMetadata(ctx, commit, file);
  if (!meta) {
    await ctx.cache.markMissing(commit, file);
    return { file, state: 'missing' };
  }
  return { file, state: 'fetch', meta };
}

/** Makes snapshots/<commit>/<file>: from a blob another revision fetched, or fetched now (one writer at a time). */
async function getFile(ctx: Context, commit: string, plan: FilePlan): Promise<'downloaded' | 'cached' | 'missing'> {
  const { file } = plan;
  if (plan.state !== 'fetch') {
    if (plan.state === 'cached') ctx.onProgress({ file, phase: 'cached', bytes: 0, overall: { ...ctx.overall } });
    return plan.state;
  }
  const { meta } = plan;
  const sized = meta.size !== undefined ? { totalBytes: meta.size } : {};
  let fetched = false;
  await mkdir(path.dirname(ctx.cache.blob(meta.etag)), { recursive: true });
  await withBlobLock(
    `${ctx.cache.blob(meta.etag)}.workbench-lock`,
    async () => {
      if (ctx.cache.hasBlob(meta.etag)) return; // another revision, or another process, fetched the same contents
      await fetchBlob(ctx, file, meta);
      fetched = true;
    },
    ctx.signal,
  );
  await ctx.cache.linkSnapshot(commit, file, meta.etag);
  ctx.onProgress({ file, phase: fetched ? 'done' : 'cached', bytes: meta.size ?? 0, ...sized, overall: { ...ctx.overall } });
  return fetched ? 'downloaded' : 'cached';
}

/** Refuses a config.json that is not a BERT (DistilBERT, RoBERTa, …) before anything else is fetched. */
async function checkArchitecture(ctx: Context, configFile: string): Promise<void> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(configFile, 'utf8'));
  } catch (error) {
    throw new HubError('no-weights', `${ctx.repoId}'s config.json is not valid JSON (${error instanceof Error ? error.message : String(error)})`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new HubError('no-weights', `${ctx.repoId}'s config.json is not a JSON object`);
  const problem = architectureProblem(json as Record<string, unknown>);
  if (problem) {
    const type = (json as Record<string, unknown>).model_type;
    const named = typeof type === 'string' && type !== 'bert' ? `${ctx.repoId} is a ${type} model, not BERT` : `${ctx.repoId} cannot be used`;
    throw new HubError('not-bert', `${named}: ${problem}. Nothing but config.json was downloaded; choose a BERT checkpoint (model_type "bert").`);
  }
}

const TOKENIZER_FILES = [...OPTIONAL_FILES, TOKENIZER_JSON_FILE];

/** The checkpoint as the cache holds it at `revision`, without any network; undefined when it is not complete there. */
async function cachedSnapshot(cache: RepoCache, revision: string): Promise<{ commit: string; files: string[] } | undefined> {
  const commit = isCommitHash(revision) ? revision : await cache.readRef(revision);
  if (!commit) return undefined;
  const weights = [SAFETENSORS_FILE, PYTORCH_BIN_FILE].find((f) => cache.hasFile(commit, f));
  if (!cache.hasFile(commit, CONFIG_FILE) || !weights) return undefined;
  const tokenizer = TOKENIZER_FILES.filter((f) => cache.hasFile(commit, f));
  // tokenizer.json only stands in for a missing vocab.txt.
  return { commit, files: [CONFIG_FILE, weights, ...tokenizer.filter((f) => f !== TOKENIZER_JSON_FILE || !tokenizer.includes(VOCAB_FILE))] };
}

async function fromCache(ctx: Context, revision: string, why: string): Promise<DownloadResult> {
  const found = await cachedSnapshot(ctx.cache, revision);
  if (!found) {
    const partly = isCommitHash(revision) || (await ctx.cache.readRef(revision)) !== undefined;
    throw new HubError('not-cached', `${ctx.repoId} (${revision}) is ${partly ? 'only partly' : 'not'} in the Hugging Face cache ${path.dirname(ctx.cache.dir)}; ${why}`);
  }
  for (const file of found.files) ctx.onProgress({ file, phase: 'cached', bytes: 0, overall: { bytes: 0, totalBytes: 0 } });
  return { repoId: ctx.repoId, revision, commit: found.commit, dir: ctx.cache.snapshotDir(found.commit), files: found.files, downloaded: [], cached: found.files, warnings: [] };
}

/**
 * The checkpoint at `revision` if the cache holds it whole, with no network at all
 * (undefined otherwise): what a training run uses once the app has downloaded a model.
 */
export async function findCachedModel(repoId: string, options: Pick<DownloadOptions, 'revision' | 'cacheDir' | 'env'> = {}): Promise<DownloadResult | undefined> {
  const revision = validateRevision(options.revision ?? DEFAULT_REVISION);
  const cache = new RepoCache(hubOptions(options).cacheDir, validateRepoId(repoId));
  const found = await cachedSnapshot(cache, revision);
  if (!found) return undefined;
  return { repoId, revision, commit: found.commit, dir: cache.snapshotDir(found.commit), files: found.files, downloaded: [], cached: found.files, warnings: [] };
}

export async function downloadModel(repoId: string, options: DownloadOptions = {}): Promise<DownloadResult> {
  const env = options.env ?? process.env;
  const revision = validateRevision(options.revision ?? DEFAULT_REVISION);
  const { cacheDir, offline, endpoint } = hubOptions(options);
  const ctx: Context = {
    repoId: validateRepoId(repoId),
    endpoint,
    token: options.token ?? env.HF_TOKEN ?? env.HUGGING_FACE_HUB_TOKEN,
    cache: new RepoCache(cacheDir, repoId),
    fetch: options.fetch ?? fetch,
    retries: options.retries ?? 3,
    signal: options.signal,
    onProgress: options.onProgress ?? (() => {}),
    overall: { bytes: 0 },
  };
  if (offline) return fromCache(ctx, revision, 'offline mode (HF_HUB_OFFLINE=1 / --offline) uses the cache only: download it once while online');

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

  const configPlan = await planFile(ctx, commit, CONFIG_FILE);
  const configOutcome = await getFile(ctx, commit, configPlan);
  if (configOutcome === 'missing') throw new HubError('no-weights', `${ctx.repoId} has no config.json at ${commit}: it is not a Transformers model repository`);
  record(CONFIG_FILE, configOutcome);
  await checkArchitecture(ctx, ctx.cache.snapshotFile(commit, CONFIG_FILE));

  // Without a file list, the weights are candidates in order: safetensors first, the .bin only without it.
  const candidates = [...choice.required, ...choice.optional].filter((f) => f !== CONFIG_FILE);
  const plans: FilePlan[] = [];
  for (const file of candidates) {
    if (file === PYTORCH_BIN_FILE && plans.some((p) => p.file === SAFETENSORS_FILE && p.state !== 'missing')) continue;
    if (file === TOKENIZER_JSON_FILE && plans.some((p) => p.file === VOCAB_FILE && p.state !== 'missing')) continue;
    const plan = await planFile(ctx, commit, file);
    if (plan.state === 'missing' && choice.required.includes(file)) throw new HubError('not-found', `${ctx.repoId} lists ${file} but the Hub has no such file at ${commit}`);
    plans.push(plan);
  }
  const toFetch = plans.filter((p): p is Extract<FilePlan, { state: 'fetch' }> => p.state === 'fetch' && !ctx.cache.hasBlob(p.meta.etag));
  const sizes = toFetch.map((p) => p.meta.size);
  ctx.overall = { bytes: 0, ...(sizes.every((s) => s !== undefined) ? { totalBytes: sizes.reduce((a: number, b) => a + (b ?? 0), 0) } : {}) };
  for (const plan of toFetch) ctx.overall.bytes += await ctx.cache.incompleteSize(plan.meta.etag);
  for (const plan of plans) record(plan.file, await getFile(ctx, commit, plan));

  if (!result.files.includes(SAFETENSORS_FILE) && !result.files.includes(PYTORCH_BIN_FILE)) {
    throw new HubError('no-weights', `${ctx.repoId} has neither ${SAFETENSORS_FILE} nor ${PYTORCH_BIN_FILE} at ${commit}`);
  }
  if (!result.files.includes(VOCAB_FILE) && !result.files.includes(TOKENIZER_JSON_FILE)) {
    result.warnings.push(`${ctx.repoId} has neither vocab.txt nor tokenizer.json: give the model a tokenizer of its own before predicting from text`);
  }
  if (revision !== commit) await ctx.cache.writeRef(revision, commit);
  return result;
}
