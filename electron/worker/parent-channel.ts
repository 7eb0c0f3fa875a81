// A worker's line to the service that started it, whoever hosts it: Electron's
// utilityProcess gives process.parentPort, a Node child has process.send.

interface ParentPort {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (event: { data: unknown }) => void): void;
}

export interface ParentChannel<In, Out> {
  send(message: Out): void;
  onMessage(listener: (message: In) => void): void;
}

export function parentChannel<In, Out>(program: string): ParentChannel<In, Out> {
  const port = (process as unknown as { parentPort?: ParentPort }).parentPort;
  if (port) {
    return {
      send: (message) => port.postMessage(message),
      onMessage: (listener) => port.on('message', (event) => listener(event.data as In)),
    };
  }
  if (!process.send) throw new Error(`${program} must be started by the workbench service (no IPC channel)`);
  return {
    // A parent that is gone cannot be told anything; its 'disconnect' ends the worker.
    send: (message) => {
      if (process.connected) process.send!(message, () => {});
    },
    onMessage: (listener) => process.on('message', (message) => listener(message as In)),
  };
}
