// How the service starts a training worker, whatever hosts it: a Node child process
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

export type WorkerLauncher = () => WorkerHandle;
