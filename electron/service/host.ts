// The transport-agnostic side of the service: takes one incoming message (any text),
// validates it against the contract, runs the handler, and returns the reply. A bad
// message gets an error reply and the service goes on; nothing a client sends can
// throw out of `handle`.
import {
  isMethodName,
  methodParams,
  requestSchema,
  type ErrorCode,
  type MethodName,
  type MethodParams,
  type MethodResults,
  type Reply,
} from '../contract';

export type Handlers = {
  [M in MethodName]: (params: MethodParams<M>) => Promise<MethodResults[M]>;
};

export type EventListener = (event: unknown) => void;

/** A failure whose message is meant for the person using the app. */
export class ServiceError extends Error {
  override name = 'ServiceError';
}

/**
 * The layers below throw errors whose messages are sentences for a person (a missing
 * run, a config field, a bad checkpoint). Only JavaScript's own error classes mean a bug;
 * those are labelled as such rather than passed off as advice.
 */
function replyMessage(error: unknown): string {
  if (error instanceof TypeError || error instanceof ReferenceError || error instanceof SyntaxError || !(error instanceof Error)) {
    return `internal error: ${error instanceof Error ? error.message : String(error)}`;
  }
  return error.message;
}

function errorReply(id: number | null, code: ErrorCode, message: string): Reply {
  return { id, error: { code, message } };
}

export class ServiceHost {
  private readonly listeners = new Set<EventListener>();

  constructor(private readonly handlers: Handlers) {}

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

  emit(event: unknown): void {
    for (const listener of this.listeners) listener(event);
  }
}
