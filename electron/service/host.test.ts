// ServiceHost.respond: every message gets one reply that a transport can send. A result
// too large or impossible to serialise becomes an error reply (it once threw in the relay
// and ended the process), and a failing event subscriber stops neither the others nor
// the code that emitted the event.
import { describe, expect, it } from 'vitest';
import { MAX_REPLY_CHARS, ServiceHost, type Handlers } from './host';
import type { ServiceEvent } from '../contract';

function hostAnswering(result: () => unknown): ServiceHost {
  const handlers = new Proxy({}, { get: () => async () => result() }) as Handlers;
  return new ServiceHost(handlers);
}

const request = JSON.stringify({ id: 7, method: 'models.presets' });

describe('ServiceHost.respond', () => {
  it('sends an ordinary result as JSON text', async () => {
    expect(JSON.parse(await hostAnswering(() => [{ a: 1 }]).respond(request))).toEqual({ id: 7, result: [{ a: 1 }] });
  });

  it('turns a result larger than a message may carry into an error reply', async () => {
    const reply = JSON.parse(await hostAnswering(() => 'x'.repeat(MAX_REPLY_CHARS + 1)).respond(request));
    expect(reply).toMatchObject({ id: 7, error: { code: 'failed' } });
    expect(reply.error.message).toMatch(/the reply could not be sent: it is \d+ MB, more than the 32 MB a message may carry/);
  });

  it('turns a result that cannot be serialised (a cycle, a BigInt) into an error reply', async () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    for (const result of [cyclic, { n: 10n }]) {
      const reply = JSON.parse(await hostAnswering(() => result).respond(request));
      expect(reply).toMatchObject({ id: 7, error: { code: 'failed' } });
      expect(reply.error.message).toContain('cannot be serialised');
    }
  });

  it('answers text that is not a string, or a handler that throws, with an error reply', async () => {
    expect(JSON.parse(await hostAnswering(() => 1).respond(undefined))).toMatchObject({ id: null, error: { code: 'bad_request' } });
    const throwing = hostAnswering(() => {
      throw new RangeError('Invalid string length');
    });
    expect(JSON.parse(await throwing.respond(request))).toMatchObject({ id: 7, error: { code: 'failed', message: 'Invalid string length' } });
  });
});

describe('ServiceHost events', () => {
  it('keeps telling the other subscribers when one throws, and skips an event that cannot be serialised', () => {
    const host = hostAnswering(() => 1);
    const texts: string[] = [];
    host.subscribe(() => {
      throw new Error('window is gone');
    });
    host.subscribeText((text) => texts.push(text));
    const log = (message: unknown): ServiceEvent => ({ type: 'run.log', runId: 'r', level: 'info', message: message as string, time: '2026-12-01T00:00:00Z' });
    expect(() => host.emit(log('one'))).not.toThrow();
    // A value JSON cannot carry (a BigInt) in an event the types cannot rule out.
    expect(() => host.emit(log(1n))).not.toThrow();
    host.emit(log('two'));
    expect(texts.map((t) => JSON.parse(t).event.message)).toEqual(['one', 'two']);
  });
});
