// The registry of CLI subcommands, in the order `bert-workbench help` lists them.
import type { CliCommand } from '../command';

export const commands: CliCommand[] = [];
