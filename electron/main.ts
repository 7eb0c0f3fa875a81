// The Electron main process: one window with the security defaults of DESIGN.md, the
// workbench service behind one IPC channel, and messages only from our own main frame.
import { app, BrowserWindow, ipcMain, session, shell, type IpcMainEvent, type WebContents } from 'electron';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { IPC_CHANNEL } from './contract/protocol';
import { paths } from './paths';
import { CONTENT_SECURITY_POLICY } from './web/csp';
import { createWorkbench, type Workbench } from './service/workbench';
import { electronWorkerLauncher } from './worker/electron-launcher';
import { listSampleInfos } from './service/samples';

const rendererIndex = path.join(paths.renderer, 'index.html');
const rendererUrl = pathToFileURL(rendererIndex).href;

/** Only the app's own top-level page may talk to the service (VS Code's validated senders). */
function isTrustedSender(event: IpcMainEvent, window: BrowserWindow): boolean {
  const frame = event.senderFrame;
  return event.sender === window.webContents && frame !== null && frame === window.webContents.mainFrame && frame.url === rendererUrl;
}

function lockDown(contents: WebContents): void {
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links to documentation open in the system browser, never inside the app.
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
}

async function createWindow(): Promise<void> {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));

  const window = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 700,
    title: 'BERT Workbench',
    webPreferences: {
      preload: path.join(paths.root, 'dist', 'electron', 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      spellcheck: false,
    },
  });
  lockDown(window.webContents);

  const workbench = await createWorkbench({
    mode: 'electron',
    listSamples: () => listSampleInfos(paths.samples),
    home: paths.home,
    launchWorker: electronWorkerLauncher(),
    probeOnStart: true,
  });
  openWorkbench = workbench;
  const { host } = workbench;
  const unsubscribe = host.subscribe((event) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_CHANNEL, JSON.stringify({ event }));
  });
  const onMessage = (event: IpcMainEvent, text: unknown) => {
    if (!isTrustedSender(event, window)) return;
    void host.handle(typeof text === 'string' ? text : '').then((reply) => {
      if (!window.isDestroyed()) event.reply(IPC_CHANNEL, JSON.stringify(reply));
    });
  };
  ipcMain.on(IPC_CHANNEL, onMessage);
  window.on('closed', () => {
    ipcMain.removeListener(IPC_CHANNEL, onMessage);
    unsubscribe();
  });
  await window.loadFile(rendererIndex);
}

let openWorkbench: Workbench | undefined;

app.on('web-contents-created', (_event, contents) => lockDown(contents));
app.on('window-all-closed', () => app.quit());
// A run still training when the app quits is marked interrupted, to resume next time.
app.on('will-quit', (event) => {
  const workbench = openWorkbench;
  if (!workbench) return;
  openWorkbench = undefined;
  event.preventDefault();
  void workbench.close().finally(() => app.quit());
});
app.whenReady().then(createWindow, (error: unknown) => {
  console.error(`BERT Workbench could not start: ${error instanceof Error ? error.message : String(error)}`);
  app.exit(1);
});
