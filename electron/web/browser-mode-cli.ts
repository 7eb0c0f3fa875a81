// Process entry for browser mode, started by scripts/start.mjs.
import { startBrowserMode } from './browser-mode';
import { keepServiceAlive } from '../service/process-guard';

keepServiceAlive();

const portArg = process.env.WORKBENCH_PORT;
const browserMode = await startBrowserMode({
  port: portArg ? Number(portArg) : 0,
  reason: process.env.WORKBENCH_FALLBACK_REASON || undefined,
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void browserMode.close().then(() => process.exit(0));
  });
}
