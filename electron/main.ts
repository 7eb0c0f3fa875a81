// The Electron main process: one window with the security defaults of docs/DESIGN.md, the
// workbench service behind one IPC channel, and messages only from our own main frame.
// The page is served from app://bert-workbench (app-url.ts) by the handler below, never
// from file://. This process only relays: training, models, exports and data inspection
// run in worker processes (electron/worker), so the window never waits on them.
import { app, BrowserWindow, ipcMain, protocol, session, shell, type IpcMainEvent, type WebContents } from 'electron';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { APP_SCHEME, appRequestFile, isAppPageUrl, RENDERER_URL } from './app-url';
import { IPC_CHANNEL } from './contract/protocol';
import { isAllowedExternalUrl } from './external-links';
import { isTrustedSender } from './ipc-sender';
import { paths } from './paths';
import { CONTENT_SECURITY_POLICY } from './web/csp';
import { contentTypeOf } from './web/static-files';
import { createWorkbench, type Workbench } from './service/workbench';
import { electronWorkerLauncher } from './worker/electron-launcher';
import { listSampleInfos } from './service/samples';
import { keepServiceAlive } from './service/process-guard';

keepServiceAlive();

// Before `ready`: app:// behaves like https for the page (relative URLs, fetch, module
// scripts, a secure context), so the renderer needs no file:// privileges.
protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: true } }]);

/** app://bert-workbench/… → a file of dist/renderer, with the CSP; anything else 404. */
function serveRenderer(): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const file = appRequestFile(request.url, paths.renderer);
    const body = file ? await readFile(file).catch(() => undefined) : undefined;
    if (!file || !body) return new Response('not found', { status: 404, headers: { 'content-type': 'text/plain' } });
    return new Response(body, {
      headers: { 'content-type': contentTypeOf(file), 'content-security-policy': CONTENT_SECURITY_POLICY, 'x-content-type-options': 'nosniff' },
    });
  });
}

function openExternally(url: string): void {
  if (isAllowedExternalUrl(url)) void shell.openExternal(url);
  else console.error(`refused to open ${url.slice(0, 200)} outside the app: not an allowed link`);
}

/** No navigation away from the app's page, in any frame, by link, redirect or script. */
function lockDown(contents: WebContents): void {
  const stayOnPage = (event: { url: string; preventDefault(): void }) => {
    if (!isAppPageUrl(event.url)) event.preventDefault();
  };
  contents.on('will-navigate', stayOnPage);
  contents.on('will-frame-navigate', stayOnPage);
  contents.on('will-redirect', stayOnPage);
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(({ url }) => {
    // Links to documentation and model pages open in the system browser, never inside the app.
    openExternally(url);
    return { action: 'deny' };
  });
}

function restrictSession(): void {
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
  });
  // Neither asked for (camera, notifications, …) nor silently checked (clipboard, storage access).
  session.defaultSession.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.defaultSession.setPermissionCheckHandler(() => false);
}

async function createWindow(): Promise<void> {
  restrictSession();
  serveRenderer();

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
    revealInFolder: (folder) => shell.showItemInFolder(folder),
    probeOnStart: true,
  });
  openWorkbench = workbench;
  const { host } = workbench;
  const unsubscribe = host.subscribeText((text) => {
    if (!window.isDestroyed()) window.webContents.send(IPC_CHANNEL, text);
  });
  const onMessage = (event: IpcMainEvent, text: unknown) => {
    if (!isTrustedSender(event, window)) return;
    // host.respond never rejects; a window closed meanwhile simply gets nothing.
    void host.respond(text).then((reply) => {
      try {
        if (!window.isDestroyed()) event.reply(IPC_CHANNEL, reply);
      } catch (error) {
        console.error(`service: a reply was not delivered: ${error instanceof Error ? error.message : String(error)}`);
      }
    });
  };
  ipcMain.on(IPC_CHANNEL, onMessage);
  window.on('closed', () => {
    ipcMain.removeListener(IPC_CHANNEL, onMessage);
    unsubscribe();
  });
  await window.loadURL(RENDERER_URL);
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
