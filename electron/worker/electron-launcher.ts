// Workers as Electron utility processes (the desktop app): Node processes that Electron
// supervises, started from the bundled dist/electron/<program>.mjs.
import { utilityProcess } from 'electron';
import path from 'node:path';
import { paths } from '../paths';
import { WORKER_PROGRAMS, type WorkerHandle, type WorkerLauncher } from './launcher';

const SERVICE_NAMES = { training: 'BERT Workbench training', tasks: 'BERT Workbench models and data' } as const;

export function electronWorkerLauncher(): WorkerLauncher {
  return (program = 'training') => {
    const child = utilityProcess.fork(path.join(paths.root, 'dist', 'electron', `${WORKER_PROGRAMS[program]}.mjs`), [], {
      serviceName: SERVICE_NAMES[program],
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
