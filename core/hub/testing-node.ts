// A stand-in for the Hugging Face Hub on 127.0.0.1, for tests, speaking the Hub's URL
// scheme: the revision API (GET /api/models/{id}/revision/{rev}), resolve URLs
// (/{id}/resolve/{rev}/{file}) answering with ETag / X-Repo-Commit / X-Linked-Etag /
// X-Linked-Size, LFS files redirected (302) to a CDN on another port, Range requests on
// both, gated repositories that want a token, a connection dropped mid-file, a throttle to
// watch progress by, and a log of every request. A repository may also answer what a
// hostile server would (a commit or ETag that is a path), to test that nothing trusts it.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HubError } from './hub';

/** The HubError a promise rejects with (tests assert its kind and message); anything else fails. */
export async function hubErrorOf(promise: Promise<unknown>): Promise<HubError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof HubError) return error;
    throw error;
  }
  throw new Error('expected a HubError');
}

export interface FakeRepo {
  id: string;
  /** What the revision API answers as `sha` (a test may make it "../../x"). */
  commit: string;
  files: Record<string, Uint8Array>;
  /** Other revisions (branches, tags) that resolve to `commit`; main always does. */
  revisions?: string[];
  /** Files stored with git LFS (served from the CDN); default the weights files. */
  lfs?: string[];
  /** Only this token may download. */
  gatedToken?: string;
  /** ETags to send instead of the true ones, by file. */
  etags?: Record<string, string>;
}

export interface LoggedRequest {
  server: 'hub' | 'cdn';
  method: string;
  path: string;
  range?: string;
  authorization?: string;
}

export interface FakeHub {
  endpoint: string;
  requests: LoggedRequest[];
  repos: FakeRepo[];
  /** Drop the connection of the next full (non-Range) CDN download of each LFS file after this many bytes. */
  dropAfterBytes: number | undefined;
  /** Send file bodies at about this rate (bytes a second), in small chunks; undefined: at once. */
  bytesPerSecond: number | undefined;
  close(): Promise<void>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const gitSha1 = (bytes: Uint8Array) => createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');

function listen(server: Server, port = 0): Promise<string> {
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function send(res: ServerResponse, status: number, headers: Record<string, string | number>, body?: Uint8Array | string): void {
  res.writeHead(status, headers);
  res.end(body);
}

const THROTTLE_CHUNK = 16 * 1024;

/** Writes `data` at about `rate` bytes a second; stops when the client goes away. */
function sendThrottled(res: ServerResponse, data: Uint8Array, rate: number): void {
  let offset = 0;
  const next = () => {
    if (res.destroyed) return;
    if (offset >= data.byteLength) return void res.end();
    const chunk = data.subarray(offset, offset + THROTTLE_CHUNK);
    offset += chunk.byteLength;
    res.write(chunk, () => setTimeout(next, (1000 * chunk.byteLength) / rate));
  };
  next();
}

export interface FakeHubOptions {
  /** Listen on this port (0: any free one). */
  port?: number;
}

export async function startFakeHub(repos: FakeRepo[], options: FakeHubOptions = {}): Promise<FakeHub> {
  const requests: LoggedRequest[] = [];
  const blobs = new Map<string, Uint8Array>();
  const dropped = new Set<string>();
  const log = (server: 'hub' | 'cdn', req: IncomingMessage) => {
    const entry: LoggedRequest = { server, method: req.method ?? 'GET', path: req.url ?? '/' };
    if (req.headers.range) entry.range = req.headers.range;
    if (req.headers.authorization) entry.authorization = req.headers.authorization;
    requests.push(entry);
  };

  /** 200, or 206 for `bytes=N-`, or 416 past the end; HEAD gets the headers only. */
  const sendBody = (req: IncomingMessage, res: ServerResponse, data: Uint8Array, headers: Record<string, string | number>, dropKey?: string) => {
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    const head = req.method === 'HEAD';
    if (range) {
      const from = Number(range[1]);
      if (from >= data.byteLength) return send(res, 416, { ...headers, 'content-range': `bytes */${data.byteLength}` });
      const part = data.subarray(from);
      res.writeHead(206, { ...headers, 'content-length': part.byteLength, 'content-range': `bytes ${from}-${data.byteLength - 1}/${data.byteLength}` });
      if (head) return void res.end();
      return hub.bytesPerSecond ? sendThrottled(res, part, hub.bytesPerSecond) : void res.end(part);
    }
    res.writeHead(200, { ...headers, 'content-length': data.byteLength });
    if (head) return void res.end();
    if (dropKey !== undefined && hub.dropAfterBytes !== undefined && !dropped.has(dropKey)) {
      dropped.add(dropKey);
      res.write(data.subarray(0, hub.dropAfterBytes), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    if (hub.bytesPerSecond) return sendThrottled(res, data, hub.bytesPerSecond);
    res.end(data);
  };

  const cdn = createServer((req, res) => {
    log('cdn', req);
    const hash = /^\/cdn\/([0-9a-f]{64})$/.exec(req.url ?? '')?.[1];
    const data = hash && blobs.get(hash);
    if (!hash || !data) return send(res, 404, {}, 'no such blob');
    sendBody(req, res, data, {}, hash);
  });
  const cdnUrl = await listen(cdn);

  const server = createServer((req, res) => {
    log('hub', req);
    const url = new URL(req.url ?? '/', 'http://hub');
    const api = /^\/api\/models\/(.+)\/revision\/([^/]+)$/.exec(url.pathname);
    const resolve = /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
    const repo = hub.repos.find((r) => r.id === (api?.[1] ?? resolve?.[1]));
    if (!repo) return send(res, 401, { 'x-error-code': 'RepositoryNotFound', 'x-error-message': 'Repository not found' }, 'Repository Not Found');
    const revision = decodeURIComponent((api ?? resolve)![2]!);
    if (revision !== 'main' && revision !== repo.commit && !repo.revisions?.includes(revision)) return send(res, 404, { 'x-error-code': 'RevisionNotFound' }, 'Invalid rev id');
    if (api) {
      return send(res, 200, { 'content-type': 'application/json' }, JSON.stringify({ id: repo.id, sha: repo.commit, siblings: Object.keys(repo.files).map((rfilename) => ({ rfilename })) }));
    }
    if (repo.gatedToken && req.headers.authorization !== `Bearer ${repo.gatedToken}`) {
      const status = req.headers.authorization ? 403 : 401;
      return send(res, status, { 'x-error-code': 'GatedRepo', 'x-error-message': `Access to model ${repo.id} is restricted.` });
    }
    const file = decodeURIComponent(resolve![3]!);
    const data = repo.files[file];
    if (!data) return send(res, 404, { 'x-error-code': 'EntryNotFound', 'x-repo-commit': repo.commit }, 'Entry not found');
    const lfs = (repo.lfs ?? ['model.safetensors', 'pytorch_model.bin']).includes(file);
    // As the Hub: a plain file's ETag is its git blob id; an LFS file's real digest is its SHA-256, in X-Linked-Etag.
    const gitEtag = gitSha1(lfs ? new TextEncoder().encode(`pointer ${sha256(data)}`) : data);
    const headers: Record<string, string | number> = { 'x-repo-commit': repo.commit, etag: `"${repo.etags?.[file] ?? gitEtag}"` };
    if (lfs) {
      const hash = sha256(data);
      blobs.set(hash, data);
      return send(res, 302, { ...headers, 'x-linked-etag': `"${repo.etags?.[file] ?? hash}"`, 'x-linked-size': data.byteLength, location: `${cdnUrl}/cdn/${hash}` });
    }
    sendBody(req, res, data, headers);
  });
  const endpoint = await listen(server, options.port ?? 0);

  const hub: FakeHub = {
    endpoint,
    requests,
    repos,
    dropAfterBytes: undefined,
    bytesPerSecond: undefined,
    close: async () => {
      await Promise.all([server, cdn].map((s) => new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()); })));
    },
  };
  return hub;
}
