// Training workers as Electron utility processes (the desktop app): a Node process that
// Electron supervises, started from the bundled dist/electron/training-worker.mjs.
import { utilityProcess } from 'electron';
import path from 'node:path';
import { paths } from '../paths';
import type { WorkerHandle, WorkerLauncher } from './launcher';

export function electronWorkerLauncher(): WorkerLauncher {
  return () => {
    const child = utilityProcess.fork(path.join(paths.root, 'dist', 'electron', 'training-worker.mjs'), [], {
      serviceName: 'BERT Workbench training',
      stdio: 'inherit',
    });
    let exited = false;
    const handle: WorkerHandle = {
      get pid() {
        return child.pid;
      },
      send(message) {
        if (!exited) child.postMessage(message);
      },
      onMessage(listener) {
        child.on('message', listener);
      },
      onExit(listener) {
        // utilityProcess reports only the exit code; a kill shows as a non-zero code.
        child.once('exit', (code) => {
          exited = true;
          listener(code, code === 0 ? null : 'SIGKILL');
        });
      },
      kill() {
        child.kill();
      },
    };
    return handle;
  };
}
