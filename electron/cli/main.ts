// Entry point of the `bert-workbench` CLI: dispatch to a registered subcommand and turn
// errors into messages (never a stack trace for a mistake the user can fix).
import { UsageError, UserError, type CliIO } from './command';
import { commands } from './commands/index';
import { terminalSafe } from './terminal-text';

function helpText(): string {
  const width = Math.max(...commands.map((c) => c.name.length), 4);
  const lines = commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`);
  return ['Usage: bert-workbench <command> [options]', '', 'Commands:', ...lines, '', 'Run `bert-workbench <command> --help` for its options.'].join('\n');
}

export const processIO: CliIO = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  isTTY: Boolean(process.stdout.isTTY),
};

export async function runCli(argv: string[], io: CliIO = processIO): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === 'help' || name === '--help' || name === '-h') {
    io.stdout(helpText() + '\n');
    return name === undefined ? 2 : 0;
  }
  const command = commands.find((c) => c.name === name);
  if (!command) {
    io.stderr(`bert-workbench: unknown command "${name}"\n\n${helpText()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.summary}\n\nUsage: ${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`bert-workbench ${name}: ${terminalSafe(error.message)}\nUsage: ${command.usage}\n`);
      return 2;
    }
    // Messages may quote the data (a tag, a column name): printed so that it cannot steer the terminal.
    if (error instanceof UserError) {
      io.stderr(`bert-workbench ${name}: ${terminalSafe(error.message)}\n`);
      return 1;
    }
    // An unexpected failure: still one line for the user, the stack only when asked for.
    const message = error instanceof Error ? error.message : String(error);
    io.stderr(`bert-workbench ${name}: ${terminalSafe(message)}\n`);
    if (process.env.WORKBENCH_DEBUG) io.stderr(`${error instanceof Error ? error.stack : ''}\n`);
    return 1;
  }
}
