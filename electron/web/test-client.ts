// A WebSocket client of the browser-mode server for tests: calls with replies matched by
// id, and every event pushed by the service kept in order.
import WebSocket from 'ws';
import type { MethodName, MethodParams, MethodResults, Reply, ServiceEvent } from '../contract';

export interface TestClient {
  /** Sends raw text and resolves with the next reply (for malformed-message tests). */
  raw(text: string): Promise<Reply>;
  call<M extends MethodName>(method: M, params?: MethodParams<M>): Promise<MethodResults[M]>;
  events: ServiceEvent[];
  /** Resolves with the first event (already received or to come) that matches. */
  waitFor(match: (event: ServiceEvent) => boolean, timeoutMs?: number): Promise<ServiceEvent>;
  close(): void;
}

export function connectTestClient(port: number, token: string): Promise<TestClient> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(`ws://127.0.0.1:${port}/ws?token=${encodeURIComponent(token)}`, { headers: { origin: `http://127.0.0.1:${port}` } });
    const events: ServiceEvent[] = [];
    const eventWaiters: { match: (e: ServiceEvent) => boolean; done: (e: ServiceEvent) => void }[] = [];
    const rawWaiters: ((reply: Reply) => void)[] = [];
    const byId = new Map<number, (reply: Reply) => void>();
    let nextId = 1_000_000;
    socket.on('message', (data) => {
      const message = JSON.parse(data.toString()) as Reply | { event: ServiceEvent };
      if ('event' in message) {
        events.push(message.event);
        for (const waiter of [...eventWaiters]) {
          if (waiter.match(message.event)) {
            eventWaiters.splice(eventWaiters.indexOf(waiter), 1);
            waiter.done(message.event);
          }
        }
        return;
      }
      const handler = message.id !== null ? byId.get(message.id) : undefined;
      if (handler && message.id !== null) {
        byId.delete(message.id);
        handler(message);
      } else rawWaiters.shift()?.(message);
    });
    socket.on('error', reject);
    socket.on('open', () =>
      resolve({
        events,
        raw: (text) =>
          new Promise((done) => {
            rawWaiters.push(done);
            socket.send(text);
          }),
        call: (method, params) =>
          new Promise((done, fail) => {
            const id = nextId++;
            byId.set(id, (reply) => ('error' in reply ? fail(new Error(`${reply.error.code}: ${reply.error.message}`)) : done(reply.result as never)));
            socket.send(JSON.stringify({ id, method, params }));
          }),
        waitFor: (match, timeoutMs = 120_000) =>
          new Promise((done, fail) => {
            const seen = events.find(match);
            if (seen) return done(seen);
            const timer = setTimeout(() => fail(new Error('timed out waiting for an event')), timeoutMs);
            eventWaiters.push({ match, done: (e) => (clearTimeout(timer), done(e)) });
          }),
        close: () => socket.close(),
      }),
    );
  });
}
