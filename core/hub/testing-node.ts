// A stand-in for the Hugging Face Hub on 127.0.0.1, for tests: the revision API, resolve
// URLs answering with ETag / X-Repo-Commit / X-Linked-Etag / X-Linked-Size, LFS files
// redirected (302) to a CDN on another port that honours Range and can drop a connection
// mid-file, gated repositories that want a token, and a log of every request.
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeRepo {
  id: string;
  commit: string;
  files: Record<string, Uint8Array>;
  /** Files stored with git LFS (served from the CDN); default the weights files. */
  lfs?: string[];
  /** Only this token may download. */
  gatedToken?: string;
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
  /** Drop the connection of the next full (non-Range) CDN download of each LFS file after this many bytes. */
  dropAfterBytes: number | undefined;
  close(): Promise<void>;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const gitSha1 = (bytes: Uint8Array) => createHash('sha1').update(`blob ${bytes.byteLength}\0`).update(bytes).digest('hex');

function listen(server: Server): Promise<string> {
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
}

function send(res: ServerResponse, status: number, headers: Record<string, string | number>, body?: Uint8Array | string): void {
  res.writeHead(status, headers);
  res.end(body);
}

export async function startFakeHub(repos: FakeRepo[]): Promise<FakeHub> {
  const requests: LoggedRequest[] = [];
  const blobs = new Map<string, Uint8Array>();
  const dropped = new Set<string>();
  const log = (server: 'hub' | 'cdn', req: IncomingMessage) => {
    const entry: LoggedRequest = { server, method: req.method ?? 'GET', path: req.url ?? '/' };
    if (req.headers.range) entry.range = req.headers.range;
    if (req.headers.authorization) entry.authorization = req.headers.authorization;
    requests.push(entry);
  };

  const cdn = createServer((req, res) => {
    log('cdn', req);
    const hash = /^\/cdn\/([0-9a-f]{64})$/.exec(req.url ?? '')?.[1];
    const data = hash && blobs.get(hash);
    if (!data) return send(res, 404, {}, 'no such blob');
    const range = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (range) {
      const from = Number(range[1]);
      if (from >= data.byteLength) return send(res, 416, { 'content-range': `bytes */${data.byteLength}` });
      return send(res, 206, { 'content-length': data.byteLength - from, 'content-range': `bytes ${from}-${data.byteLength - 1}/${data.byteLength}` }, data.subarray(from));
    }
    if (hub.dropAfterBytes !== undefined && !dropped.has(hash!)) {
      dropped.add(hash!);
      res.writeHead(200, { 'content-length': data.byteLength });
      res.write(data.subarray(0, hub.dropAfterBytes), () => setTimeout(() => res.socket?.destroy(), 20));
      return;
    }
    send(res, 200, { 'content-length': data.byteLength }, data);
  });
  const cdnUrl = await listen(cdn);

  const server = createServer((req, res) => {
    log('hub', req);
    const url = new URL(req.url ?? '/', 'http://hub');
    const api = /^\/api\/models\/(.+)\/revision\/([^/]+)$/.exec(url.pathname);
    const resolve = /^\/(.+?)\/resolve\/([^/]+)\/(.+)$/.exec(url.pathname);
    const repo = repos.find((r) => r.id === (api?.[1] ?? resolve?.[1]));
    if (!repo) return send(res, 401, { 'x-error-code': 'RepositoryNotFound', 'x-error-message': 'Repository not found' }, 'Repository Not Found');
    const revision = decodeURIComponent((api ?? resolve)![2]!);
    if (revision !== 'main' && revision !== repo.commit) return send(res, 404, { 'x-error-code': 'RevisionNotFound' }, 'Invalid rev id');
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
    const headers: Record<string, string | number> = { 'x-repo-commit': repo.commit, etag: `"${gitSha1(lfs ? new TextEncoder().encode(`pointer ${sha256(data)}`) : data)}"` };
    if (lfs) {
      const hash = sha256(data);
      blobs.set(hash, data);
      return send(res, 302, { ...headers, 'x-linked-etag': `"${hash}"`, 'x-linked-size': data.byteLength, location: `${cdnUrl}/cdn/${hash}` });
    }
    send(res, 200, { ...headers, 'content-length': data.byteLength }, req.method === 'HEAD' ? undefined : data);
  });
  const endpoint = await listen(server);

  const hub: FakeHub = {
    endpoint,
    requests,
    dropAfterBytes: undefined,
    close: async () => {
      await Promise.all([server, cdn].map((s) => new Promise<void>((resolve) => { s.closeAllConnections(); s.close(() => resolve()); })));
    },
  };
  return hub;
}
