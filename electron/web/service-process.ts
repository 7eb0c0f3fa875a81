// A bare service process for fault tests: the workbench over the WebSocket, no UI files.
// Prints "listening PORT TOKEN" once it answers.
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { paths } from '../paths';
import { createWorkbench } from '../service/workbench';
import { nodeWorkerLauncher } from '../worker/node-launcher';
import { startWebServer } from './server';
import { keepServiceAlive } from '../service/process-guard';

keepServiceAlive();

const workbench = await createWorkbench({ mode: 'browser', listSamples: async () => [], home: paths.home, launchWorker: nodeWorkerLauncher() });
const server = await startWebServer({ host: workbench.host, staticDir: mkdtempSync(path.join(os.tmpdir(), 'wb-static-')) });
console.log(`listening ${server.port} ${server.token}`);
process.on('SIGTERM', () => {
  void workbench.close().then(() => server.close()).then(() => process.exit(0));
});
