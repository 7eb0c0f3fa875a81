// The two routes to the service, as thin adapters over ClientTransport.
import type { ClientTransport } from '../../../electron/contract';

/** What electron/preload.ts exposes on window (contextBridge); absent in browser mode. */
export interface WorkbenchBridge {
  send(text: string): void;
  subscribe(listener: (text: string) => void): () => void;
}

declare global {
  interface Window {
    workbench?: WorkbenchBridge;
  }
}

export function ipcTransport(bridge: WorkbenchBridge): ClientTransport {
  const closeListeners: ((reason: string) => void)[] = [];
  window.addEventListener('beforeunload', () => closeListeners.forEach((l) => l('window closing')));
  return {
    send: (text) => bridge.send(text),
    onMessage: (listener) => void bridge.subscribe(listener),
    onClose: (listener) => void closeListeners.push(listener),
  };
}

/** Opens the browser-mode WebSocket; resolves once connected, rejects with the reason it could not. */
export function webSocketTransport(url: string): Promise<ClientTransport> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(url);
    const messageListeners: ((text: string) => void)[] = [];
    const closeListeners: ((reason: string) => void)[] = [];
    let opened = false;
    socket.addEventListener('message', (event) => {
      if (typeof event.data === 'string') messageListeners.forEach((l) => l(event.data as string));
    });
    socket.addEventListener('open', () => {
      opened = true;
      resolve({
        send: (text) => socket.send(text),
        onMessage: (listener) => void messageListeners.push(listener),
        onClose: (listener) => void closeListeners.push(listener),
      });
    });
    socket.addEventListener('close', () => {
      if (!opened) reject(new Error('the workbench server refused the connection (is the access token in the address right?)'));
      else closeListeners.forEach((l) => l('the connection to the workbench server closed'));
    });
  });
}
