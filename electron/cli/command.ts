// What every CLI subcommand looks like. A new command is one file in commands/ plus one
// entry in commands/index.ts.

export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stdout is a terminal (progress bars) or a pipe (plain lines). */
  isTTY: boolean;
}

export interface CliCommand {
  name: string;
  summary: string;
  usage: string;
  /** Returns the exit code: 0 success, 1 failure (e.g. invalid data), 2 usage error. */
  run(args: string[], io: CliIO): Promise<number>;
}

/** A mistake in how the command was called; printed with the usage, exit code 2. */
export class UsageError extends Error {
  override name = 'UsageError';
}

/** A failure the user can act on (bad file, missing model); printed without a stack, exit code 1. */
export class UserError extends Error {
  override name = 'UserError';
}
