// The registry of CLI subcommands, in the order `bert-workbench help` lists them.
import type { CliCommand } from '../command';
import { inspectDataCommand } from './inspect-data';
import { modelsCommand } from './models';
import { predictCommand } from './predict';
import { tokenizeCommand } from './tokenize';

export const commands: CliCommand[] = [
  inspectDataCommand,
  modelsCommand,
  predictCommand,
  tokenizeCommand,
];
