// The wire protocol shared by every transport (Electron IPC, WebSocket): JSON text
// messages. A request names a method of the API; the service answers with a reply that
// carries the same id; events flow from the service to every subscriber.
import { z } from 'zod';

export const requestSchema = z
  .object({
    id: z.number().int().nonnegative(),
    method: z.string().min(1).max(100),
    params: z.unknown().optional(),
  })
  .strict();
export type Request = z.infer<typeof requestSchema>;

export type ErrorCode = 'bad_request' | 'unknown_method' | 'invalid_params' | 'failed';

export interface ErrorReply {
  id: number | null;
  error: { code: ErrorCode; message: string };
}
export interface ResultReply {
  id: number;
  result: unknown;
}
export type Reply = ErrorReply | ResultReply;

export interface EventMessage {
  event: unknown;
}

export type ServerMessage = Reply | EventMessage;

/** How a client sends text to the service and hears back. Transports are thin adapters. */
export interface ClientTransport {
  send(text: string): void;
  onMessage(listener: (text: string) => void): void;
  /** Called when the route to the service is gone (window closing, server stopped). */
  onClose(listener: (reason: string) => void): void;
}

/** The only IPC channel between renderer and main (see electron/preload.ts). */
export const IPC_CHANNEL = 'workbench:message';
