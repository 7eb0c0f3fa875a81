// Training workers as Node child processes. From a checkout the worker is TypeScript,
// run through tsx; from the build it is the bundled dist/electron/training-worker.mjs.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { paths } from '../paths';
import type { WorkerHandle, WorkerLauncher } from './launcher';

export function workerEntry(): { file: string; execArgv: string[] } {
  const bundled = path.join(paths.root, 'dist', 'electron', 'training-worker.mjs');
  const source = path.join(paths.root, 'electron', 'worker', 'training-worker.ts');
  if (existsSync(source)) return { file: source, execArgv: ['--import', 'tsx'] };
  return { file: bundled, execArgv: [] };
}

export function nodeWorkerLauncher(env: NodeJS.ProcessEnv = process.env): WorkerLauncher {
  return () => {
    const { file, execArgv } = workerEntry();
    const child = fork(file, [], { execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    let exited = false;
    const handle: WorkerHandle = {
      pid: child.pid,
      send(message) {
        if (!exited && child.connected) child.send(message as object);
      },
      onMessage(listener) {
        child.on('message', listener);
      },
      onExit(listener) {
        child.once('exit', (code, signal) => {
          exited = true;
          listener(code, signal);
        });
      },
      kill() {
        child.kill('SIGKILL');
      },
    };
    return handle;
  };
}
