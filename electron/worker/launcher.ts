// How the service starts a worker process, whatever hosts it: a Node child process
// (browser mode, tests, CLI) or Electron's utilityProcess (the desktop app; see
// electron/main.ts). The service only sees this interface.

export interface WorkerHandle {
  send(message: unknown): void;
  onMessage(listener: (message: unknown) => void): void;
  /** Fires once when the process is gone; `signal` is set when it was killed. */
  onExit(listener: (code: number | null, signal: string | null) => void): void;
  /** Ends the process at once (SIGKILL). */
  kill(): void;
  readonly pid: number | undefined;
}

/**
 * The program a worker runs: `training` (one run, then exit: training-worker.ts) or
 * `tasks` (playground predictions, exports, data inspection, the backend probe: whatever
 * would block the service's event loop or load TensorFlow.js into it; task-worker.ts).
 */
export const WORKER_PROGRAMS = {
  training: 'training-worker',
  tasks: 'task-worker',
} as const;
export type WorkerProgram = keyof typeof WORKER_PROGRAMS;

export type WorkerLauncher = (program?: WorkerProgram) => WorkerHandle;
