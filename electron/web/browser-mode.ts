// `npm start -- --web` (or the fallback when Electron cannot start): the service and the
// built renderer on 127.0.0.1, printed as one URL with its per-launch token.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { paths } from '../paths';
import { createWorkbenchService } from '../service/workbench';
import { listSampleInfos } from '../service/samples';
import { startWebServer, type WebServer } from './server';

export interface BrowserModeOptions {
  port?: number;
  /** Why the app runs in the browser rather than in Electron; printed for the person. */
  reason?: string;
  log?: (line: string) => void;
}

export async function startBrowserMode(options: BrowserModeOptions = {}): Promise<WebServer> {
  const log = options.log ?? ((line: string) => console.log(line));
  if (!existsSync(path.join(paths.renderer, 'index.html'))) {
    throw new Error(`the UI is not built (${paths.renderer} is missing); run \`npm run build:renderer\``);
  }
  const host = createWorkbenchService({ mode: 'browser', listSamples: () => listSampleInfos(paths.samples) });
  const server = await startWebServer({ host, staticDir: paths.renderer, port: options.port ?? 0 });
  if (options.reason) log(`BERT Workbench is running in browser mode: ${options.reason}`);
  log(`Open ${server.url}`);
  log('(the address carries this launch\'s access token; it only answers on 127.0.0.1)');
  return server;
}
