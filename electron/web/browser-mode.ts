// `npm start -- --web` (or the fallback when Electron cannot start): the service and the
// built renderer on 127.0.0.1, printed as one URL with its per-launch token.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { paths } from '../paths';
import { createWorkbench, type Workbench } from '../service/workbench';
import { nodeWorkerLauncher } from '../worker/node-launcher';
import { listSampleInfos } from '../service/samples';
import { startWebServer, type WebServer } from './server';

export interface BrowserModeOptions {
  port?: number;
  /** Why the app runs in the browser rather than in Electron; printed for the person. */
  reason?: string;
  log?: (line: string) => void;
}

export interface BrowserMode {
  server: WebServer;
  workbench: Workbench;
  close(): Promise<void>;
}

export async function startBrowserMode(options: BrowserModeOptions = {}): Promise<BrowserMode> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (!existsSync(path.join(paths.renderer, 'index.html'))) {
    throw new Error(`the UI is not built (${paths.renderer} is missing); run \`npm run build:renderer\``);
  }
  const workbench = await createWorkbench({
    mode: 'browser',
    listSamples: () => listSampleInfos(paths.samples),
    home: paths.home,
    launchWorker: nodeWorkerLauncher(),
    probeOnStart: true,
  });
  const server = await startWebServer({ host: workbench.host, staticDir: paths.renderer, port: options.port ?? 0, downloads: { folders: workbench.exports } });
  if (options.reason) log(`BERT Workbench is running in browser mode: ${options.reason}`);
  log(`Open ${server.url}`);
  log('(the address carries this launch\'s access token; it only answers on 127.0.0.1)');
  return {
    server,
    workbench,
    async close() {
      await workbench.close();
      await server.close();
    },
  };
}
