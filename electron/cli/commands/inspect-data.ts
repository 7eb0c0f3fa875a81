// `bert-workbench inspect-data`: what the workbench will make of a data set before a run
// starts — statistics, warnings and errors with file, line and field. Exit 0 when the data
// can be trained on, 1 when it cannot, 2 when the command was called wrongly.
import { loadDefaultTokenizer } from '../../../core/tokenizer/load-node';
import { loadDatasetFiles, type DatasetPaths, type ReadProgress } from '../../../datasets/read-node';
import type { Dataset } from '../../../datasets/load';
import type { ReadOptionsOf } from '../../../datasets/task-definition';
import { readOptionsFor, type DataReading } from '../../../datasets/read-options';
import { parseDataColumns, parseLabelNames } from '../../../core/train/run-data';
import { summarizeDataset } from '../../../datasets/summary';
import { TASKS, type Task } from '../../../datasets/types';
import { flag, numberOption, parseArgs, stringOption, type ParsedArgs } from '../args';
import { UsageError, type CliCommand, type CliIO } from '../command';
import { terminalSafe } from '../terminal-text';

export const inspectDataCommand: CliCommand = {
  name: 'inspect-data',
  summary: 'Check a data set and show its statistics, warnings and errors',
  usage:
    'bert-workbench inspect-data --task classification|ner|qa|mlm FILE [--validation FILE] [--columns text=COL,text_pair=COL,label=COL | tokens=FIELD,tags=FIELD] [--label-names 0=negative,1=positive] [--max-seq-length N] [--doc-stride N] [--format csv|tsv|jsonl|conll|json|text] [--tag-names O,B-PER,...] [--json]',
  async run(args, io) {
    const parsed = parseArgs(args, {
      task: { value: true },
      validation: { value: true },
      'max-seq-length': { value: true },
      'doc-stride': { value: true },
      format: { value: true },
      'tag-names': { value: true },
      columns: { value: true },
      'label-names': { value: true },
      json: { value: false },
    });
    const task = taskOption(parsed);
    if (parsed.positionals.length !== 1) throw new UsageError(parsed.positionals.length === 0 ? 'give the data file to inspect' : 'give one data file (use --validation for the second)');
    const paths: DatasetPaths = { train: parsed.positionals[0]! };
    const validation = stringOption(parsed, 'validation');
    if (validation !== undefined) paths.validation = validation;
    const json = flag(parsed, 'json');

    const tokenizer = await loadDefaultTokenizer().catch((error: unknown) => {
      io.stderr(`note: no tokenizer (${error instanceof Error ? error.message : String(error)}); token statistics are skipped\n`);
      return undefined;
    });
    const dataset = await loadDatasetFiles(task, paths, {
      read: readOptions(task, parsed),
      split: false, // inspect the files as they are
      tokenizer,
      maxSeqLength: positiveInteger(parsed, 'max-seq-length'),
      docStride: positiveInteger(parsed, 'doc-stride'),
      onProgress: json ? undefined : progressPrinter(io),
    });
    // The summary quotes the data (tags, column names, answers): escaped so that it cannot steer the terminal.
    io.stdout(json ? JSON.stringify(jsonReport(dataset, paths)) + '\n' : terminalSafe(summarizeDataset(dataset, paths)));
    return dataset.valid ? 0 : 1;
  },
};

function taskOption(parsed: ParsedArgs): Task {
  const task = stringOption(parsed, 'task');
  if (task === undefined) throw new UsageError('--task is required');
  if (!(TASKS as readonly string[]).includes(task)) throw new UsageError(`--task must be one of ${TASKS.join(', ')}, got "${task}"`);
  return task as Task;
}

function positiveInteger(parsed: ParsedArgs, name: string): number | undefined {
  const value = numberOption(parsed, name);
  if (value !== undefined && (!Number.isInteger(value) || value < 1)) throw new UsageError(`--${name} must be a positive integer, got ${value}`);
  return value;
}

const FORMATS: { [T in Task]: readonly string[] } = { classification: ['csv', 'tsv', 'jsonl'], ner: ['conll', 'jsonl'], qa: ['json', 'jsonl'], mlm: ['text', 'csv', 'tsv', 'jsonl'] };

function readOptions<T extends Task>(task: T, parsed: ParsedArgs): ReadOptionsOf[T] {
  const format = stringOption(parsed, 'format');
  if (format !== undefined && !FORMATS[task].includes(format)) throw new UsageError(`--format for ${task} must be one of ${FORMATS[task].join(', ')}, got "${format}"`);
  const tagNames = stringOption(parsed, 'tag-names');
  if (tagNames !== undefined && task !== 'ner') throw new UsageError('--tag-names is for --task ner');
  // --columns and --label-names are data.columns and data.label_names of a run config, checked by the same rules.
  const issues: string[] = [];
  const problem = (field: string, text: string) => issues.push(`${field.replace(/^data\.columns/, '--columns').replace(/^data\.label_names/, '--label-names')}: ${text}`);
  const reading: DataReading = {};
  const columns = parseDataColumns(assignments(parsed, 'columns', (value) => (value === '' || value === 'none' ? null : value)), task, problem);
  if (columns !== undefined) reading.columns = columns;
  const labelNames = parseLabelNames(assignments(parsed, 'label-names', (value) => value), task, problem);
  if (labelNames !== undefined) reading.label_names = labelNames;
  if (issues.length > 0) throw new UsageError(issues.join('; '));
  const options = readOptionsFor(task, reading) as { format?: string; tagNames?: string[] };
  if (format !== undefined) options.format = format;
  if (tagNames !== undefined) options.tagNames = tagNames.split(',').map((t) => t.trim());
  return options as ReadOptionsOf[T];
}

/** "text=review_body,label=stars" → {text: "review_body", label: "stars"}; names split at the first "=". */
function assignments(parsed: ParsedArgs, option: string, value: (text: string) => string | null): Record<string, string | null> | undefined {
  const given = stringOption(parsed, option);
  if (given === undefined) return undefined;
  const result: Record<string, string | null> = {};
  for (const part of given.split(',')) {
    const eq = part.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${option} takes NAME=VALUE pairs separated by commas, got "${part}"`);
    result[part.slice(0, eq).trim()] = value(part.slice(eq + 1).trim());
  }
  return result;
}

/** The data set without its examples: what a script needs to decide and report. */
function jsonReport<T extends Task>(dataset: Dataset<T>, paths: DatasetPaths) {
  const { task, valid, labels, labelsAsWritten, columns, formats, stats, problems, validationFrom } = dataset;
  return { task, valid, files: paths, formats, validationFrom, columns, labels, labelsAsWritten, stats, problems };
}

/** A progress line on a terminal for files big enough to wait for; nothing in pipes. */
function progressPrinter(io: CliIO): ((progress: ReadProgress) => void) | undefined {
  if (!io.isTTY) return undefined;
  let lastShown = 0;
  return ({ file, bytesRead, totalBytes }) => {
    if (!totalBytes || totalBytes < 16 * 1024 * 1024) return;
    const now = Date.now();
    if (now - lastShown < 200 && bytesRead < totalBytes) return;
    lastShown = now;
    io.stderr(`\rreading ${file}: ${Math.floor((100 * bytesRead) / totalBytes)}%${bytesRead >= totalBytes ? '\n' : ''}`);
  };
}
