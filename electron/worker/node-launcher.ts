// Workers as Node child processes. From a checkout a worker is TypeScript, run through
// tsx; from the build it is the bundled dist/electron/<program>.mjs.
import { fork } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { paths } from '../paths';
import { WORKER_PROGRAMS, type WorkerHandle, type WorkerLauncher, type WorkerProgram } from './launcher';

export function workerEntry(program: WorkerProgram = 'training'): { file: string; execArgv: string[] } {
  const name = WORKER_PROGRAMS[program];
  const bundled = path.join(paths.root, 'dist', 'electron', `${name}.mjs`);
  const source = path.join(paths.root, 'electron', 'worker', `${name}.ts`);
  if (existsSync(source)) return { file: source, execArgv: ['--import', 'tsx'] };
  return { file: bundled, execArgv: [] };
}

export function nodeWorkerLauncher(env: NodeJS.ProcessEnv = process.env): WorkerLauncher {
  return (program = 'training') => {
    const { file, execArgv } = workerEntry(program);
    const child = fork(file, [], { execArgv, env, stdio: ['ignore', 'inherit', 'inherit', 'ipc'], serialization: 'advanced' });
    let exited = false;
    // A child that cannot be started or signalled reports here; unheard, it would end the service.
    child.on('error', (error) => console.error(`worker process: ${error.message}`));
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
