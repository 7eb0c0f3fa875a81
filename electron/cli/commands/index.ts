// The registry of CLI subcommands, in the order `bert-workbench help` lists them.
import type { CliCommand } from '../command';
import { benchCommand } from './bench';
import { downloadCommand } from './download';
import { exportCommand } from './export';
import { fillMaskCommand } from './fill-mask';
import { importRunCommand } from './import-run';
import { inspectDataCommand } from './inspect-data';
import { modelsCommand } from './models';
import { predictCommand } from './predict';
import { tokenizeCommand } from './tokenize';
import { trainCommand } from './train';

export const commands: CliCommand[] = [
  benchCommand,
  downloadCommand,
  exportCommand,
  fillMaskCommand,
  importRunCommand,
  inspectDataCommand,
  modelsCommand,
  predictCommand,
  tokenizeCommand,
  trainCommand,
];
