// The transport-agnostic side of the service: takes one incoming message (any text),
// validates it against the contract, runs the handler, and returns the reply. A bad
// message gets an error reply and the service goes on; nothing a client sends can
// throw out of `handle`, and `respond` turns any reply into text that a transport can
// send — one too large or that cannot be serialised becomes an error reply, since a
// JSON.stringify that throws in a relay once took the whole service down.
import {
  isMethodName,
  methodParams,
  requestSchema,
  type ErrorCode,
  type MethodName,
  type MethodParams,
  type MethodResults,
  type Reply,
  type ServiceEvent,
} from '../contract';

export type Handlers = {
  [M in MethodName]: (params: MethodParams<M>) => Promise<MethodResults[M]>;
};

export type EventListener = (event: ServiceEvent) => void;

/** A failure whose message is meant for the person using the app. */
export class ServiceError extends Error {
  override name = 'ServiceError';
}

/**
 * The layers below throw errors whose messages are sentences for a person (a missing
 * run, a config field, a bad checkpoint). Only JavaScript's own error classes mean a bug;
 * those are labelled as such rather than passed off as advice.
 */
export function replyMessage(error: unknown): string {
  if (error instanceof TypeError || error instanceof ReferenceError || error instanceof SyntaxError || !(error instanceof Error)) {
    return `internal error: ${error instanceof Error ? error.message : String(error)}`;
  }
  return error.message;
}

function errorReply(id: number | null, code: ErrorCode, message: string): Reply {
  return { id, error: { code, message } };
}

/** The largest reply or event a transport is given (characters of JSON): bigger ones become errors. */
export const MAX_REPLY_CHARS = 32 * 1024 * 1024;

function megabytes(chars: number): string {
  return `${(chars / 1024 / 1024).toFixed(0)} MB`;
}

/** JSON text of a message, or why it has none (too large, a cycle, a BigInt, …). */
export function serialise(message: unknown): { text: string } | { problem: string } {
  try {
    const text = JSON.stringify(message);
    if (text === undefined) return { problem: 'it has no JSON form' };
    if (text.length > MAX_REPLY_CHARS) return { problem: `it is ${megabytes(text.length)}, more than the ${megabytes(MAX_REPLY_CHARS)} a message may carry` };
    return { text };
  } catch (error) {
    // RangeError "Invalid string length" (past V8's limit), TypeError (cycles, BigInt).
    return { problem: error instanceof RangeError ? `it is larger than a message can be` : `it cannot be serialised (${error instanceof Error ? error.message : String(error)})` };
  }
}

/** The text of a reply; a reply that cannot be sent becomes an error reply that can. */
export function replyText(reply: Reply): string {
  const serialised = serialise(reply);
  if ('text' in serialised) return serialised.text;
  return JSON.stringify(errorReply(reply.id, 'failed', `internal error: the reply could not be sent: ${serialised.problem}`));
}

export class ServiceHost {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly handlers: Handlers) {}

  /** The reply to one message, as text for a transport. Never rejects. */
  async respond(text: unknown): Promise<string> {
    try {
      return replyText(await this.handle(typeof text === 'string' ? text : ''));
    } catch (error) {
      return JSON.stringify(errorReply(null, 'failed', `internal error: ${error instanceof Error ? error.message : String(error)}`));
    }
  }

  async handle(text: string): Promise<Reply> {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      return errorReply(null, 'bad_request', 'message is not valid JSON');
    }
    const request = requestSchema.safeParse(raw);
    if (!request.success) {
      const id = typeof (raw as { id?: unknown })?.id === 'number' ? (raw as { id: number }).id : null;
      return errorReply(id, 'bad_request', `malformed request: ${request.error.issues[0]?.message ?? 'invalid'}`);
    }
    const { id, method, params } = request.data;
    if (!isMethodName(method)) return errorReply(id, 'unknown_method', `unknown method "${method}"`);
    const parsed = methodParams[method].safeParse(params);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const where = issue && issue.path.length > 0 ? `params.${issue.path.join('.')}: ` : '';
      return errorReply(id, 'invalid_params', `${method}: ${where}${issue?.message ?? 'invalid parameters'}`);
    }
    try {
      const handler = this.handlers[method] as (p: unknown) => Promise<unknown>;
      return { id, result: await handler(parsed.data) };
    } catch (error) {
      return errorReply(id, 'failed', replyMessage(error));
    }
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Tells every subscriber; a subscriber that throws (a closed window, a broken socket) cannot stop the others or the emitter. */
  emit(event: ServiceEvent): void {
    for (const listener of this.listeners) {
      try {
        listener(event);
      } catch (error) {
        console.error(`service: an event subscriber failed: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  }

  /** Subscribes with each event as the text of `{event}`; an event that cannot be serialised is logged and skipped. */
  subscribeText(listener: (text: string) => void): () => void {
    return this.subscribe((event) => {
      const serialised = serialise({ event });
      if ('text' in serialised) listener(serialised.text);
      else console.error(`service: an event was not sent: ${serialised.problem}`);
    });
  }
}
