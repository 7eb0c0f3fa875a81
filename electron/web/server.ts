// Browser mode: the same UI and service as the Electron app, over HTTP + WebSocket on
// 127.0.0.1 only. The WebSocket carries the service API and demands the per-launch
// token (printed with the URL) and a same-origin page, so another site open in the
// browser, or another user on the machine, cannot drive the workbench.
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type WebSocket } from 'ws';
import { EXPORT_DOWNLOAD_ROUTE } from '../contract/api';
import type { ServiceHost } from '../service/host';
import { CONTENT_SECURITY_POLICY } from './csp';
import { serveExportDownload, type ExportDownloads } from './export-download';
import { confinedFile, contentTypeOf } from './static-files';

export interface WebServerOptions {
  host: ServiceHost;
  /** The built renderer (vite build output). */
  staticDir: string;
  port?: number;
  token?: string;
  /** Export folders as zip downloads (EXPORT_DOWNLOAD_ROUTE); absent: the route answers 404. */
  downloads?: ExportDownloads;
}

export interface WebServer {
  url: string;
  port: number;
  token: string;
  close(): Promise<void>;
}

const LOOPBACK = '127.0.0.1';
const MAX_MESSAGE_BYTES = 64 * 1024 * 1024;

export function newToken(): string {
  return randomBytes(24).toString('base64url');
}

function tokensEqual(given: string | null, expected: string): boolean {
  if (given === null) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

async function serveStatic(staticDir: string, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const pathname = new URL(request.url ?? '/', 'http://x').pathname;
  const file = confinedFile(staticDir, pathname);
  if (!file) {
    response.writeHead(403).end('forbidden');
    return;
  }
  const info = await stat(file).catch(() => undefined);
  if (!info?.isFile()) {
    response.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    return;
  }
  response.writeHead(200, {
    'content-type': contentTypeOf(file),
    'content-security-policy': CONTENT_SECURITY_POLICY,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-cache',
  });
  createReadStream(file).pipe(response);
}

function refuse(socket: Duplex, status: number, reason: string): void {
  socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
}

/** Sends text if the socket is still open; a socket that fails is closed, never thrown out of. */
function sendText(socket: WebSocket, text: string): void {
  if (socket.readyState !== socket.OPEN) return;
  try {
    socket.send(text, (error) => {
      if (error) socket.terminate();
    });
  } catch {
    socket.terminate();
  }
}

/** One client: every message gets one reply (host.respond never rejects), every event reaches it. */
function relay(host: ServiceHost, socket: WebSocket): void {
  const unsubscribe = host.subscribeText((text) => sendText(socket, text));
  socket.on('message', (data, isBinary) => {
    const text = isBinary ? '' : data.toString();
    void host.respond(text).then((reply) => sendText(socket, reply));
  });
  socket.on('close', unsubscribe);
  socket.on('error', unsubscribe);
}

export async function startWebServer(options: WebServerOptions): Promise<WebServer> {
  const token = options.token ?? newToken();
  const http = createServer((request, response) => {
    const fail = (status: 400 | 500) => {
      if (response.headersSent) return void response.destroy();
      response.writeHead(status, { 'content-type': 'text/plain' });
      response.end(status === 400 ? 'bad request' : 'internal error');
    };
    let url: URL;
    try {
      url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
    } catch {
      return fail(400);
    }
    const served = url.pathname === EXPORT_DOWNLOAD_ROUTE ? serveDownload(url, request, response) : serveStatic(options.staticDir, request, response);
    // A malformed address (a bad %-escape) is the client's fault; anything else is ours.
    served.catch((error: unknown) => fail(error instanceof URIError ? 400 : 500));
  });
  // Downloads carry the same per-launch token as the WebSocket: no other page or user can fetch a model.
  const serveDownload = async (url: URL, request: IncomingMessage, response: ServerResponse): Promise<void> => {
    if (!tokensEqual(url.searchParams.get('token'), token)) return void response.writeHead(401, { 'content-type': 'text/plain' }).end('the download needs this launch\'s access token\n');
    if (!options.downloads) return void response.writeHead(404, { 'content-type': 'text/plain' }).end('downloads are not served here\n');
    await serveExportDownload(request, response, url, options.downloads);
  };
  const sockets = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  sockets.on('connection', (socket) => relay(options.host, socket));

  await new Promise<void>((resolve, reject) => {
    http.once('error', reject);
    http.listen(options.port ?? 0, LOOPBACK, () => resolve());
  });
  const address = http.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const allowedOrigins = new Set([`http://${LOOPBACK}:${port}`, `http://localhost:${port}`]);

  http.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    socket.on('error', () => socket.destroy());
    let url: URL;
    try {
      url = new URL(request.url ?? '/', `http://${LOOPBACK}`);
    } catch {
      return refuse(socket, 400, 'Bad Request');
    }
    if (url.pathname !== '/ws') return refuse(socket, 404, 'Not Found');
    if (!tokensEqual(url.searchParams.get('token'), token)) return refuse(socket, 401, 'Unauthorized');
    // Browsers always send Origin; a page from any other site must not reach the service.
    const origin = request.headers.origin;
    if (origin !== undefined && !allowedOrigins.has(origin)) return refuse(socket, 403, 'Forbidden');
    sockets.handleUpgrade(request, socket, head, (ws) => sockets.emit('connection', ws, request));
  });

  return {
    url: `http://${LOOPBACK}:${port}/?token=${token}`,
    port,
    token,
    close: () =>
      new Promise<void>((resolve) => {
        for (const client of sockets.clients) client.terminate();
        sockets.close();
        http.close(() => resolve());
        http.closeAllConnections();
      }),
  };
}
