// The renderer's only way to the service: typed calls over whichever transport the app
// runs with (Electron IPC or the browser-mode WebSocket). Pages never see the transport.
import type { ClientTransport, MethodName, MethodParams, MethodResults, ServerMessage, ServiceEvent } from '../../../electron/contract';

export class ServiceCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ServiceCallError';
  }
}

interface Pending {
  resolve: (value: unknown) => void;
  reject: (error: Error) => void;
}

export type ServiceEventListener = (event: ServiceEvent) => void;

export class ServiceClient {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private readonly listeners = new Set<ServiceEventListener>();
  private readonly closeListeners = new Set<(reason: string) => void>();
  private closedReason: string | undefined;

  constructor(private readonly transport: ClientTransport) {
    transport.onMessage((text) => this.receive(text));
    transport.onClose((reason) => {
      this.closedReason = reason;
      for (const call of this.pending.values()) call.reject(new ServiceCallError('closed', reason));
      this.pending.clear();
      for (const listener of this.closeListeners) listener(reason);
    });
  }

  call<M extends MethodName>(method: M, ...args: undefined extends MethodParams<M> ? [MethodParams<M>?] : [MethodParams<M>]): Promise<MethodResults[M]> {
    if (this.closedReason !== undefined) return Promise.reject(new ServiceCallError('closed', this.closedReason));
    const id = this.nextId++;
    return new Promise<MethodResults[M]>((resolve, reject) => {
      this.pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      this.transport.send(JSON.stringify({ id, method, params: args[0] }));
    });
  }

  onEvent(listener: ServiceEventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Called once when the route to the service is gone (server stopped, window closing). */
  onClose(listener: (reason: string) => void): () => void {
    this.closeListeners.add(listener);
    return () => this.closeListeners.delete(listener);
  }

  private receive(text: string): void {
    const message = JSON.parse(text) as ServerMessage;
    if ('event' in message) {
      // The service only pushes ServiceEvents (electron/contract/types.ts).
      for (const listener of this.listeners) listener(message.event as ServiceEvent);
      return;
    }
    if (message.id === null) return;
    const call = this.pending.get(message.id);
    if (!call) return;
    this.pending.delete(message.id);
    if ('error' in message) call.reject(new ServiceCallError(message.error.code, message.error.message));
    else call.resolve(message.result);
  }
}
