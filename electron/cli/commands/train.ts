// `bert-workbench train`: a training run from a run config, in this process, into a run
// folder the app lists too (output_dir, or a new folder under $WORKBENCH_HOME/runs).
// A terminal gets a progress bar (step/total, loss, ETA); a pipe gets one plain line per
// logged step; --json prints every event as a JSON line. Ctrl-C stops after the current
// step (the last checkpoint stays valid; continue with --resume RUN_DIR); a second Ctrl-C
// ends the process at once.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { StepEvent, TrainerEvent } from '../../../core/train/events';
import { defaultRunName, RunConfigError, type RunConfig } from '../../../core/train/run-config';
import { readRunConfigFile } from '../../../core/train/run-config-node';
import { runIdProblem, type RunRecord } from '../../contract';
import { paths } from '../../paths';
import { preparePrivateHome } from '../../private-home';
import { RUN_FILE, RunStore } from '../../runs/run-store';
import { runTrainingJob } from '../../runs/training-job';
import { flag, parseArgs, stringOption } from '../args';
import { UsageError, UserError, type CliCommand, type CliIO } from '../command';
import { terminalSafe } from '../terminal-text';

/** Exit code of a run stopped by Ctrl-C (128 + SIGINT), as shells report it. */
const EXIT_CANCELLED = 130;

export const trainCommand: CliCommand = {
  name: 'train',
  summary: 'Train a model from a run config (or continue a stopped run) into a run folder',
  usage: 'bert-workbench train --config RUN_CONFIG.json [--json] [--resume RUN_DIR]',
  async run(args, io) {
    const parsed = parseArgs(args, { config: { value: true }, resume: { value: true }, json: { value: false } });
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
    const configPath = stringOption(parsed, 'config');
    const resumeDir = stringOption(parsed, 'resume');
    if (configPath === undefined && resumeDir === undefined) throw new UsageError('--config RUN_CONFIG.json is required (or --resume RUN_DIR to continue a run)');

    const config = configPath === undefined ? undefined : await readConfig(configPath);
    const { store, runId } = resumeDir === undefined ? await createRun(config!) : await openRun(resumeDir, config, io);
    const printer = flag(parsed, 'json') ? jsonPrinter(io) : progressPrinter(io);
    printer({ type: 'log', level: 'info', message: `run folder: ${store.dir(runId)}` });

    let stopRequested = false;
    const interrupt = () => {
      stopRequested = true;
      io.stderr('\nstopping after the current step (Ctrl-C again to quit at once)…\n');
    };
    process.once('SIGINT', interrupt);
    try {
      const run = await runTrainingJob({ store, runId, resume: resumeDir !== undefined, onEvent: printer, shouldStop: () => stopRequested });
      return exitCode(run, store, io);
    } finally {
      process.removeListener('SIGINT', interrupt);
    }
  },
};

async function readConfig(file: string): Promise<RunConfig> {
  try {
    return await readRunConfigFile(file);
  } catch (error) {
    if (error instanceof RunConfigError) throw new UserError(error.issues.length === 1 ? error.message : `${file}:\n  ${error.issues.map((i) => i.message).join('\n  ')}`);
    throw error;
  }
}

/** A new run: in output_dir, or a fresh folder under the runs folder. */
async function createRun(config: RunConfig): Promise<{ store: RunStore; runId: string }> {
  const record = { name: config.name ?? defaultRunName(config), config: config as unknown as Record<string, unknown>, origin: 'cli' as const };
  if (config.output_dir === undefined) {
    await preparePrivateHome(paths.home);
    const store = new RunStore(path.join(paths.home, 'runs'));
    return { store, runId: (await store.create(record)).id };
  }
  const dir = config.output_dir;
  if (existsSync(path.join(dir, RUN_FILE))) throw new UserError(`${dir} already holds a run; continue it with --resume ${dir}, or choose another output_dir`);
  const store = new RunStore(path.dirname(dir));
  return { store, runId: (await store.create({ ...record, id: runIdOf(dir) })).id };
}

/** An existing run folder; a config given alongside replaces the run's (e.g. more max_steps). */
async function openRun(dir: string, config: RunConfig | undefined, io: CliIO): Promise<{ store: RunStore; runId: string }> {
  const absolute = path.resolve(dir);
  const store = new RunStore(path.dirname(absolute));
  const runId = runIdOf(absolute);
  if (!existsSync(path.join(absolute, RUN_FILE))) throw new UserError(`${dir} is not a run folder (it has no ${RUN_FILE})`);
  if (config) {
    await store.update(runId, { config: config as unknown as Record<string, unknown> });
    io.stderr(`note: ${dir} continues with the given config\n`);
  }
  return { store, runId };
}

/** The run folder's name is its run id: the one rule of electron/contract/run-id.ts. */
function runIdOf(dir: string): string {
  const problem = runIdProblem(path.basename(path.resolve(dir)));
  if (problem) throw new UserError(`output_dir ${dir} cannot be a run folder: ${problem}`);
  return path.basename(path.resolve(dir));
}

function exitCode(run: RunRecord, store: RunStore, io: CliIO): number {
  switch (run.status) {
    case 'completed':
      return 0;
    case 'cancelled':
      io.stderr(`continue with: bert-workbench train --resume ${store.dir(run.id)}\n`);
      return EXIT_CANCELLED;
    default:
      io.stderr(`bert-workbench train: ${terminalSafe(run.error ?? `the run ended ${run.status}`)}\n`);
      return 1;
  }
}

// -- printing -------------------------------------------------------------------------------

type Printer = (event: TrainerEvent) => void;

function jsonPrinter(io: CliIO): Printer {
  return (event) => io.stdout(JSON.stringify(event) + '\n');
}

const BAR_WIDTH = 24;

/** A progress bar redrawn in place on a terminal; plain lines otherwise. */
function progressPrinter(io: CliIO): Printer {
  let barShown = false;
  // Log lines quote the data (warnings name tags and columns): escaped, so only the bar moves the cursor.
  const line = (text: string) => {
    io.stdout(`${barShown ? '\r\x1b[K' : ''}${terminalSafe(text)}\n`);
    barShown = false;
  };
  return (event) => {
    switch (event.type) {
      case 'step':
        if (io.isTTY) {
          io.stdout(`\r\x1b[K${progressBar(event)}`);
          barShown = true;
        } else {
          line(stepLine(event));
        }
        return;
      case 'eval':
        return line(`eval at step ${event.step}: ${Object.entries(event.metrics).map(([name, value]) => `${name.replace(/^eval_/, '')} ${formatNumber(value)}`).join(', ')}`);
      case 'checkpoint':
        return line(`saved ${event.path}`);
      case 'log':
        return line(event.level === 'warning' ? `warning: ${event.message}` : event.message);
      case 'status':
        // Failures are reported once, on stderr, with the exit code.
        if (event.status !== 'failed' && event.message) line(event.message);
        return;
    }
  };
}

function progressBar(event: StepEvent): string {
  const filled = Math.round((BAR_WIDTH * event.step) / event.total_steps);
  const bar = '█'.repeat(filled) + '░'.repeat(BAR_WIDTH - filled);
  return `${bar} ${event.step}/${event.total_steps}  loss ${formatNumber(event.loss)}  lr ${event.learning_rate.toExponential(2)}  ETA ${formatDuration(event.eta_s)}`;
}

function stepLine(event: StepEvent): string {
  return [
    `step ${event.step}/${event.total_steps}`,
    `epoch ${event.epoch.toFixed(2)}`,
    `loss ${formatNumber(event.loss)}`,
    `lr ${event.learning_rate.toExponential(2)}`,
    `grad_norm ${formatNumber(event.grad_norm)}`,
    `${event.samples_per_second.toFixed(1)} samples/s`,
    `ETA ${formatDuration(event.eta_s)}`,
  ].join('  ');
}

function formatNumber(value: number): string {
  return Math.abs(value) >= 1000 || (value !== 0 && Math.abs(value) < 1e-3) ? value.toExponential(3) : value.toFixed(4);
}

/** 42 -> "42s", 185 -> "3m 05s", 3720 -> "1h 02m". */
export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m ${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h ${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}
