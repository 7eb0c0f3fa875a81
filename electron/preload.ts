// The renderer's only door to the main process: send text and subscribe to text on one
// channel. No Node, no ipcRenderer object, nothing else crosses contextBridge.
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';

const CHANNEL = 'workbench:message'; // = IPC_CHANNEL in contract/protocol.ts (a sandboxed preload cannot import it)

contextBridge.exposeInMainWorld('workbench', {
  send(text: string): void {
    if (typeof text === 'string') ipcRenderer.send(CHANNEL, text);
  },
  subscribe(listener: (text: string) => void): () => void {
    const wrapped = (_event: IpcRendererEvent, text: unknown) => {
      if (typeof text === 'string') listener(text);
    };
    ipcRenderer.on(CHANNEL, wrapped);
    return () => ipcRenderer.removeListener(CHANNEL, wrapped);
  },
});
