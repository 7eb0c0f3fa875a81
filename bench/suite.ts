// `npm run bench` (`bert-workbench bench --suite`): tokenizer throughput, training and
// inference throughput per preset and backend, the PyTorch reference for the same
// shapes, and the learning-quality runs; appended to bench/results.json and written as
// bench/RESULTS.md. Every model measurement runs in a process of its own (`bench --json`),
// so that peak RSS is that measurement's and one backend running out of memory cannot
// take the suite down; PyTorch runs right after the TF.js rows it is compared with.
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { presetConfig, type PresetName } from '../core/model/config';
import { forwardFlops, trainingFlops } from './flops';
import type { BenchMode } from './model-throughput';
import { findTorchPython, runPytorchReference } from './pytorch-node';
import { machineDescription, saveRun } from './results-store-node';
import type { BenchRow, BenchRun, ModelRow } from './results-table';
import { benchTokenizer } from './tokenizer';

const run = promisify(execFile);
const REPO_ROOT = path.join(import.meta.dirname, '..');
const CLI = path.join(REPO_ROOT, 'bin', 'bert-workbench.mjs');
export const SST2_TRAIN = path.join(REPO_ROOT, '..', 'shared', 'datasets', 'sst2', 'train.tsv');

export const SUITE_PRESETS: readonly PresetName[] = ['bert-tiny', 'bert-mini', 'bert-small', 'bert-base', 'bert-large'];
export const SUITE_BACKENDS: readonly string[] = ['native-cpu', 'wasm'];

interface PresetPlan {
  /** Timed steps (the median is reported) and untimed ones first. */
  steps: number;
  warmup: number;
  /**
   * Micro-batches per training step. TF.js keeps every forward and backward intermediate
   * until the gradients are complete, about twice what PyTorch holds, so the two big
   * presets train batch 8 as 4 micro-batches of 2 to stay well inside memory
   * (BERT-Base under 6 GB).
   */
  gradAccum: number;
}

/** Enough steps for a stable median, few for the big presets (seconds a step). */
const PLANS: Readonly<Record<PresetName, PresetPlan>> = {
  'bert-tiny': { steps: 10, warmup: 2, gradAccum: 1 },
  'bert-mini': { steps: 10, warmup: 2, gradAccum: 1 },
  'bert-small': { steps: 8, warmup: 2, gradAccum: 1 },
  'bert-medium': { steps: 5, warmup: 1, gradAccum: 1 },
  'bert-base': { steps: 3, warmup: 1, gradAccum: 4 },
  'bert-large': { steps: 2, warmup: 1, gradAccum: 4 },
};

/** What a backend cannot run here, and why. */
function unsupported(backend: string, preset: PresetName): string | undefined {
  if (backend === 'wasm' && (preset === 'bert-base' || preset === 'bert-large')) return "wasm's heap stops at 4 GB, too small to train this preset, and its steps take minutes";
  return undefined;
}

export interface SuiteOptions {
  presets: readonly PresetName[];
  backends: readonly string[];
  modes: readonly BenchMode[];
  batchSize: number;
  seqLen: number;
  pytorch: boolean;
  learning: boolean;
  /** bench/results.json and bench/RESULTS.md go here. */
  resultsDir: string;
  note?: string;
  log: (line: string) => void;
}

/** One `bench --json` measurement in a child process; a failure becomes a row with `error`. */
async function measureInChild(preset: PresetName, mode: BenchMode, backend: string, opts: SuiteOptions): Promise<ModelRow> {
  const { steps, warmup, gradAccum } = PLANS[preset];
  const accumulation = mode === 'train' && opts.batchSize % gradAccum === 0 ? gradAccum : 1;
  const args = [
    ...[CLI, 'bench', '--json', '--preset', preset, '--mode', mode, '--backend', backend],
    ...['--batch-size', String(opts.batchSize), '--seq-len', String(opts.seqLen), '--steps', String(steps), '--warmup', String(warmup), '--grad-accum', String(accumulation)],
  ];
  const base: ModelRow = { name: 'model', preset, mode, backend, batch_size: opts.batchSize, seq_len: opts.seqLen };
  try {
    const { stdout } = await run(process.execPath, args, { cwd: REPO_ROOT, timeout: 60 * 60_000, maxBuffer: 16 * 2 ** 20 });
    return JSON.parse(stdout.trim().split('\n').pop() ?? '{}') as ModelRow;
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string; killed?: boolean; signal?: string };
    const printed = failure.stdout?.trim().split('\n').pop();
    if (printed?.startsWith('{')) return JSON.parse(printed) as ModelRow;
    const reason = failure.signal ? `killed by ${failure.signal}` : (failure.stderr?.trim().split('\n').pop() ?? failure.message);
    return { ...base, error: reason };
  }
}

/** The same FLOP count as the TF.js rows (bench/flops.ts), for PyTorch's GFLOP/s. */
function stepFlops(preset: PresetName, mode: BenchMode, opts: SuiteOptions): number {
  const shape = { batchSize: opts.batchSize, seqLen: opts.seqLen, numLabels: 2 };
  return mode === 'train' ? trainingFlops(presetConfig(preset), shape) : forwardFlops(presetConfig(preset), shape);
}

function describe(row: ModelRow): string {
  if (row.error) return `${row.preset} ${row.mode} ${row.backend}: failed (${row.error})`;
  return `${row.preset} ${row.mode} ${row.backend}: ${row.samples_per_second?.toFixed(2)} samples/s, peak RSS ${row.peak_rss_mb?.toFixed(0)} MB`;
}

export async function runSuite(opts: SuiteOptions): Promise<BenchRun> {
  const results: BenchRow[] = [];
  const add = (row: BenchRow): void => {
    results.push(row);
    if (row.name === 'model') opts.log(describe(row));
    else if (row.name === 'skipped') opts.log(`skipped ${row.what}: ${row.reason}`);
  };

  if (existsSync(SST2_TRAIN)) {
    const row = await benchTokenizer({ file: SST2_TRAIN });
    add({ name: 'tokenizer', chars_per_second: row.chars_per_second, tokens_per_second: row.tokens_per_second, chars: row.chars });
    opts.log(`tokenizer: ${row.chars_per_second.toFixed(0)} chars/s`);
  } else {
    add({ name: 'skipped', what: 'tokenizer', reason: `${SST2_TRAIN} is missing (the shared data sets live next to the checkout)` });
  }

  const python = opts.pytorch ? await findTorchPython() : undefined;
  if (opts.pytorch && !python) add({ name: 'skipped', what: 'PyTorch reference', reason: 'no python3 with torch here (Debian: apt-get install python3-torch libopenblas0-pthread)' });
  const unavailable = new Map<string, string>();

  for (const preset of opts.presets) {
    for (const mode of opts.modes) {
      for (const backend of opts.backends) {
        const why = unavailable.get(backend) ?? unsupported(backend, preset);
        if (why) {
          if (!unavailable.has(backend)) add({ name: 'skipped', what: `${preset} ${mode} on ${backend}`, reason: why });
          continue;
        }
        const row = await measureInChild(preset, mode, backend, opts);
        if (row.error?.includes(`WORKBENCH_BACKEND=${backend}`)) {
          unavailable.set(backend, row.error);
          add({ name: 'skipped', what: `every ${backend} row`, reason: row.error });
          continue;
        }
        add(row);
      }
      if (python) {
        const { steps, warmup } = PLANS[preset];
        const row = await runPytorchReference(python, { preset, mode, batchSize: opts.batchSize, seqLen: opts.seqLen, steps, warmup }).then(
          (result): ModelRow => ({ ...result, gflops: stepFlops(preset, mode, opts) / 1e9 / (result.step_ms_median / 1000) }),
          (error: unknown): ModelRow => ({ name: 'model', preset, mode, backend: 'pytorch', batch_size: opts.batchSize, seq_len: opts.seqLen, error: error instanceof Error ? error.message.split('\n')[0]! : String(error) }),
        );
        add(row);
      }
    }
  }

  if (opts.learning) {
    const { benchLearning } = await import('./learning');
    const { initNodeBackend } = await import('../core/backend/node-backends');
    const backend = (await initNodeBackend()).name;
    for (const row of await benchLearning({ onRow: (r) => opts.log(`learning ${r.preset} ${r.dataset}: ${r.metric} ${r.value.toFixed(3)} in ${r.seconds.toFixed(0)} s`) })) {
      results.push({ name: 'learning', ...row, backend });
    }
    const { benchDistillation } = await import('./learning-distillation');
    results.push({ name: 'distillation', ...(await benchDistillation({ log: (line) => opts.log(`distillation ${line}`) })) });
  }

  const record: BenchRun = { date: new Date().toISOString(), ...(opts.note ? { note: opts.note } : {}), machine: machineDescription(), results };
  await saveRun(record, { json: path.join(opts.resultsDir, 'results.json'), markdown: path.join(opts.resultsDir, 'RESULTS.md') });
  return record;
}
