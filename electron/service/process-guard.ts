// The service process outlives any one request. A stray rejection or exception — in a
// handler, a relay, a library's callback — is written to the log and the service goes on:
// its runs, workers and other clients must not end because one code path forgot a catch.
// (Backends cannot install handlers that rethrow: core/backend/process-handlers-node.ts.)

function describe(reason: unknown): string {
  return reason instanceof Error ? (reason.stack ?? reason.message) : String(reason);
}

let installed = false;

/** Installs the service's policy once per process, at its entry point (main.ts, browser mode, the fault-test service). */
export function keepServiceAlive(log: (line: string) => void = (line) => console.error(line)): void {
  if (installed) return;
  installed = true;
  process.on('unhandledRejection', (reason) => log(`service: a failure nobody caught (the service goes on): ${describe(reason)}`));
  process.on('uncaughtException', (error) => log(`service: an exception nobody caught (the service goes on): ${describe(error)}`));
}
