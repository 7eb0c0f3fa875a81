// `npm run bench` (`bert-workbench bench --suite`): tokenizer throughput; the end-to-end
// fine-tuning runs against an equivalent PyTorch loop; training and inference throughput
// per preset against the PyTorch reference for the same shapes; the time estimate next to
// every measurement; the learning-quality runs. Appended to bench/results.json, written
// as bench/RESULTS.md, and into the README's performance section.
//
// Honest comparisons: every TF.js measurement and its PyTorch counterpart run in
// processes of their own (so peak RSS is that measurement's, and one running out of
// memory cannot take the suite down), interleaved — TF.js then PyTorch, then the other
// way round — and repeated (3 times by default), reported as the median with the range;
// PyTorch gets the same OpenBLAS and kernel set, passive OpenMP waits, and equal work
// (the same batch, no micro-batching on either side).
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { ThroughputProbe } from '../core/backend/throughput-probe-format';
import { countParameters, presetConfig, type PresetName } from '../core/model/config';
import { estimateStepSeconds } from '../core/train/time-estimate';
import { forwardFlops, trainingFlops } from './flops';
import type { BenchMode } from './model-throughput';
import { findTorchPython, runPytorchEndToEnd, runPytorchReference } from './pytorch-node';
import { writeReadmeSection } from './readme-node';
import { machineDescription, saveRun } from './results-store-node';
import { measureOnnxInChild } from './onnx-suite';
import { spreadOf } from '../core/metrics/spread';
import type { BenchRow, BenchRun, EndToEndRow, ModelRow } from './results-table';
import { benchTokenizer } from './tokenizer';

const run = promisify(execFile);
const REPO_ROOT = path.join(import.meta.dirname, '..');
const CLI = path.join(REPO_ROOT, 'bin', 'bert-workbench.mjs');
/** The full SST-2 training set beside the checkout, else the sample the app ships. */
export const SST2_TRAIN = [path.join(REPO_ROOT, '..', 'shared', 'datasets', 'sst2', 'train.tsv'), path.join(REPO_ROOT, 'datasets', 'samples', 'sst2', 'train.tsv')].find(existsSync) ?? '';

export const SUITE_PRESETS: readonly PresetName[] = ['bert-tiny', 'bert-mini', 'bert-small', 'bert-base', 'bert-large'];
export const SUITE_BACKENDS: readonly string[] = ['native-cpu', 'wasm'];
/** The compared backend: the one this project's kernels are for. */
const COMPARED_BACKEND = 'native-cpu';
export const DEFAULT_REPEATS = 3;

/** Timed steps of one repeat (the median is its figure) and untimed ones first; fewer for the big presets (seconds a step). */
const PLANS: Readonly<Record<PresetName, { steps: number; warmup: number }>> = {
  'bert-tiny': { steps: 10, warmup: 2 },
  'bert-mini': { steps: 8, warmup: 2 },
  'bert-small': { steps: 5, warmup: 1 },
  'bert-medium': { steps: 4, warmup: 1 },
  'bert-base': { steps: 3, warmup: 1 },
  'bert-large': { steps: 2, warmup: 1 },
};

/** The runs users feel: bert-mini on the sample's 1,800 training sentences, bert-base on 400. */
export const END_TO_END_RUNS: readonly { preset: PresetName; examples: number }[] = [
  { preset: 'bert-mini', examples: 1800 },
  { preset: 'bert-base', examples: 400 },
];
const END_TO_END_BATCH = 16;

/** One TF.js measurement: a backend, and whether it recomputes activations. */
interface ModelSpec {
  preset: PresetName;
  mode: BenchMode;
  backend: string;
  gradientCheckpointing: boolean;
}

/**
 * What is measured per preset and mode. bert-large trains with gradient checkpointing only
 * (without it a step needs about 11 GB), bert-base both ways (speed, and the 3 GB target);
 * wasm's heap stops at 4 GB, too small and too slow for the two big presets.
 */
function modelSpecs(preset: PresetName, mode: BenchMode, backends: readonly string[]): ModelSpec[] {
  const specs: ModelSpec[] = [];
  for (const backend of backends) {
    if (backend === 'wasm' && (preset === 'bert-base' || preset === 'bert-large')) continue;
    const checkpointing = mode === 'train' && backend === COMPARED_BACKEND ? (preset === 'bert-large' ? [true] : preset === 'bert-base' ? [false, true] : [false]) : [false];
    for (const gradientCheckpointing of checkpointing) specs.push({ preset, mode, backend, gradientCheckpointing });
  }
  return specs;
}

export interface SuiteOptions {
  presets: readonly PresetName[];
  backends: readonly string[];
  modes: readonly BenchMode[];
  batchSize: number;
  seqLen: number;
  repeats: number;
  /** The end-to-end runs (default END_TO_END_RUNS; empty: none). */
  endToEnd?: readonly { preset: PresetName; examples: number }[];
  pytorch: boolean;
  learning: boolean;
  /** The exported ONNX model in ONNX Runtime beside the core (bench --onnx), per preset. */
  onnx?: boolean;
  /** bench/results.json and bench/RESULTS.md go here. */
  resultsDir: string;
  /** The README whose performance section is rewritten (none: left alone). */
  readme?: string;
  note?: string;
  log: (line: string) => void;
}

function messageOf(error: unknown): string {
  const failure = error as { stdout?: string; stderr?: string; message?: string; signal?: string };
  if (failure.signal) return `killed by ${failure.signal}`;
  return (failure.stderr?.trim().split('\n').pop() ?? failure.message ?? String(error)).split('\n')[0]!;
}

/** The last JSON line a child printed, even when it exited with an error (the bench prints failures as rows). */
function lastJson<T>(stdout: string | undefined): T | undefined {
  const line = stdout?.trim().split('\n').pop();
  return line?.startsWith('{') ? (JSON.parse(line) as T) : undefined;
}

async function cli<T>(args: string[]): Promise<T> {
  try {
    const { stdout } = await run(process.execPath, [CLI, 'bench', ...args], { cwd: REPO_ROOT, timeout: 60 * 60_000, maxBuffer: 64 * 2 ** 20 });
    const parsed = lastJson<T>(stdout);
    if (!parsed) throw new Error('printed no result');
    return parsed;
  } catch (error) {
    const printed = lastJson<T>((error as { stdout?: string }).stdout);
    if (printed) return printed;
    throw error;
  }
}

/** One `bench --json` measurement in a child process; a failure becomes a row with `error`. */
async function measureInChild(spec: ModelSpec, opts: SuiteOptions): Promise<ModelRow> {
  const { steps, warmup } = PLANS[spec.preset];
  const args = [
    ...['--json', '--preset', spec.preset, '--mode', spec.mode, '--backend', spec.backend],
    ...['--batch-size', String(opts.batchSize), '--seq-len', String(opts.seqLen), '--steps', String(steps), '--warmup', String(warmup)],
    ...(spec.gradientCheckpointing ? ['--gradient-checkpointing'] : []),
  ];
  const base: ModelRow = { name: 'model', preset: spec.preset, mode: spec.mode, backend: spec.backend, batch_size: opts.batchSize, seq_len: opts.seqLen, gradient_checkpointing: spec.gradientCheckpointing };
  return cli<ModelRow>(args).then((row) => ({ ...row, gradient_checkpointing: spec.gradientCheckpointing }), (error: unknown) => ({ ...base, error: messageOf(error) }));
}

/** The same FLOP count as the TF.js rows (bench/flops.ts), for PyTorch's GFLOP/s. */
function stepFlops(preset: PresetName, mode: BenchMode, opts: SuiteOptions): number {
  const shape = { batchSize: opts.batchSize, seqLen: opts.seqLen, numLabels: 2 };
  return mode === 'train' ? trainingFlops(presetConfig(preset), shape) : forwardFlops(presetConfig(preset), shape);
}

async function measurePytorch(python: string, preset: PresetName, mode: BenchMode, opts: SuiteOptions): Promise<ModelRow> {
  const { steps, warmup } = PLANS[preset];
  return runPytorchReference(python, { preset, mode, batchSize: opts.batchSize, seqLen: opts.seqLen, steps, warmup }).then(
    (result): ModelRow => ({ ...result, gflops: stepFlops(preset, mode, opts) / 1e9 / (result.step_ms_median / 1000) }),
    (error: unknown): ModelRow => ({ name: 'model', preset, mode, backend: 'pytorch', batch_size: opts.batchSize, seq_len: opts.seqLen, error: messageOf(error) }),
  );
}

/** One row from repeats: the median repeat's figures, every repeat's samples/s, the highest peak RSS. */
function combineModelRows(rows: readonly ModelRow[]): ModelRow {
  const measured = rows.filter((row) => !row.error && row.samples_per_second !== undefined);
  if (measured.length === 0) return rows[0]!;
  const sorted = [...measured].sort((a, b) => a.samples_per_second! - b.samples_per_second!);
  const median = sorted[(sorted.length - 1) >> 1]!;
  const speeds = measured.map((row) => row.samples_per_second!);
  const speed = spreadOf(speeds).median;
  return { ...median, samples_per_second: speed, step_ms_median: (1000 * median.batch_size) / speed, repeats: speeds, peak_rss_mb: Math.max(...measured.map((row) => row.peak_rss_mb ?? 0)) };
}

function combineEndToEndRows(rows: readonly EndToEndRow[]): EndToEndRow {
  const measured = rows.filter((row) => !row.error && row.wall_s !== undefined);
  if (measured.length === 0) return rows[0]!;
  const walls = measured.map((row) => row.wall_s!);
  return { ...measured[0]!, wall_s: spreadOf(walls).median, repeats: walls, peak_rss_mb: Math.max(...measured.map((row) => row.peak_rss_mb ?? 0)), estimate_s: spreadOf(measured.map((row) => row.estimate_s ?? NaN)).median };
}

/** Runs the measurements `repeats` times, each round in the reverse order of the one before, and returns them by position. */
async function interleaved<T>(repeats: number, measurements: readonly (() => Promise<T>)[]): Promise<T[][]> {
  const results = measurements.map((): T[] => []);
  for (let round = 0; round < repeats; round++) {
    const order = measurements.map((_, i) => i);
    if (round % 2 === 1) order.reverse();
    for (const i of order) results[i]!.push(await measurements[i]!());
  }
  return results;
}

function describe(row: ModelRow): string {
  const what = `${row.preset} ${row.mode} ${row.backend}${row.gradient_checkpointing ? ' (checkpointing)' : ''}`;
  if (row.error) return `${what}: failed (${row.error})`;
  const spread = row.repeats && row.repeats.length > 1 ? ` [${Math.min(...row.repeats).toFixed(2)}–${Math.max(...row.repeats).toFixed(2)}]` : '';
  return `${what}: ${row.samples_per_second?.toFixed(2)} samples/s${spread}, peak RSS ${row.peak_rss_mb?.toFixed(0)} MB`;
}

async function commitOf(): Promise<BenchRun['commit']> {
  try {
    const sha = (await run('git', ['rev-parse', 'HEAD'], { cwd: REPO_ROOT })).stdout.trim();
    const status = (await run('git', ['status', '--porcelain', '--untracked-files=no'], { cwd: REPO_ROOT })).stdout.trim();
    return { sha, dirty: status !== '' };
  } catch {
    return undefined; // not a git checkout
  }
}

/** The estimate for a model row, from the suite's probe of the compared backend. */
function withEstimate(row: ModelRow, probe: ThroughputProbe | undefined): ModelRow {
  if (!probe || row.error || row.backend !== probe.backend) return row;
  const config = presetConfig(row.preset as PresetName);
  const parameters = countParameters(config, { head: 'sequence-classification', pooler: true });
  const seconds = estimateStepSeconds(config, { batchSize: row.batch_size, seqLen: row.seq_len, mode: row.mode as BenchMode, gradientCheckpointing: row.gradient_checkpointing ?? false }, probe, parameters);
  return { ...row, estimate_step_ms: seconds * 1000 };
}

export async function runSuite(opts: SuiteOptions): Promise<BenchRun> {
  const results: BenchRow[] = [];
  const add = (row: BenchRow): void => {
    results.push(row);
    if (row.name === 'model') opts.log(describe(row));
    else if (row.name === 'skipped') opts.log(`skipped ${row.what}: ${row.reason}`);
  };

  if (SST2_TRAIN) {
    const row = await benchTokenizer({ file: SST2_TRAIN });
    add({ name: 'tokenizer', chars_per_second: row.chars_per_second, tokens_per_second: row.tokens_per_second, chars: row.chars });
    opts.log(`tokenizer: ${row.chars_per_second.toFixed(0)} chars/s`);
  } else {
    add({ name: 'skipped', what: 'tokenizer', reason: 'no SST-2 training file (the shared data sets beside the checkout, or datasets/samples)' });
  }

  const python = opts.pytorch ? await findTorchPython() : undefined;
  if (opts.pytorch && !python) add({ name: 'skipped', what: 'PyTorch reference', reason: 'no python3 with torch here (Debian: apt-get install python3-torch libopenblas0-pthread)' });

  // The throughput probe the time estimates come from, before anything else ran on the backend.
  const probe = opts.backends.includes(COMPARED_BACKEND) ? await cli<ThroughputProbe>(['--probe', '--backend', COMPARED_BACKEND]).catch(() => undefined) : undefined;
  opts.log(probe ? `probe: ${probe.backend}, ${Math.max(...probe.gemm.map((p) => p.gflops)).toFixed(0)} GFLOP/s at best` : 'probe: none (no time estimates)');

  // End to end: the app's training loop against PyTorch's on the same batches.
  if (opts.backends.includes(COMPARED_BACKEND)) {
    const scratch = mkdtempSync(path.join(os.tmpdir(), 'bench-e2e-'));
    try {
      for (const { preset, examples } of opts.endToEnd ?? END_TO_END_RUNS) {
        const features = path.join(scratch, `${preset}-${examples}.json`);
        const base: EndToEndRow = { name: 'end-to-end', preset, backend: COMPARED_BACKEND, examples, batch_size: END_TO_END_BATCH };
        const tfjs = () => cli<EndToEndRow>(['--end-to-end', '--json', '--preset', preset, '--examples', String(examples), '--batch-size', String(END_TO_END_BATCH), '--backend', COMPARED_BACKEND, '--features-out', features]).catch((error: unknown): EndToEndRow => ({ ...base, error: messageOf(error) }));
        const torch = () =>
          existsSync(features)
            ? runPytorchEndToEnd(python!, features).then((r): EndToEndRow => r, (error: unknown): EndToEndRow => ({ ...base, backend: 'pytorch', error: messageOf(error) }))
            : Promise.resolve<EndToEndRow>({ ...base, backend: 'pytorch', error: 'the TF.js side wrote no batches' });
        const [ours, theirs] = await interleaved(opts.repeats, python ? [tfjs, torch] : [tfjs]);
        for (const rows of [ours, theirs]) {
          if (!rows) continue;
          const row = combineEndToEndRows(rows);
          results.push(row);
          opts.log(`end-to-end ${row.preset} ${row.examples} ${row.backend}: ${row.error ?? `${row.wall_s?.toFixed(1)} s, peak RSS ${row.peak_rss_mb?.toFixed(0)} MB`}`);
        }
      }
    } finally {
      rmSync(scratch, { recursive: true, force: true });
    }
  }

  const unavailable = new Map<string, string>();
  for (const preset of opts.presets) {
    for (const mode of opts.modes) {
      const specs = modelSpecs(preset, mode, opts.backends).filter((spec) => !unavailable.has(spec.backend));
      // The compared backend interleaved with PyTorch; the others once each.
      const compared = specs.filter((spec) => spec.backend === COMPARED_BACKEND);
      const measurements = [...compared.map((spec) => () => measureInChild(spec, opts)), ...(python ? [() => measurePytorch(python, preset, mode, opts)] : [])];
      const rounds = await interleaved(opts.repeats, measurements);
      for (const rows of rounds) add(withEstimate(combineModelRows(rows), probe));
      for (const spec of specs.filter((s) => s.backend !== COMPARED_BACKEND)) {
        const row = await measureInChild(spec, opts);
        if (row.error?.includes(`WORKBENCH_BACKEND=${spec.backend}`)) {
          unavailable.set(spec.backend, row.error);
          add({ name: 'skipped', what: `every ${spec.backend} row`, reason: row.error });
          continue;
        }
        add(row);
      }
    }
  }

  if (opts.onnx ?? true) {
    for (const preset of opts.presets) {
      const { steps, warmup } = PLANS[preset];
      for (const row of await measureOnnxInChild(CLI, REPO_ROOT, { preset, steps, warmup, backend: opts.backends[0] })) {
        results.push(row);
        opts.log(row.error ? `onnx ${preset}: failed (${row.error})` : `onnx ${preset} ${row.batch_size} × ${row.seq_len} ${row.runtime}: ${row.samples_per_second.toFixed(2)} samples/s`);
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
    // Domain pre-training: its speed with the masked-position decoder, then whether it pays (bench/pretraining.ts).
    const { benchPretrainingThroughput } = await import('./pretraining-throughput');
    results.push(...(await benchPretrainingThroughput()));
    const { benchPretraining } = await import('./pretraining');
    results.push(...(await benchPretraining({ log: opts.log, onRow: (r) => opts.log(`pre-training: ${r.what}: ${r.metric} ${r.value.toFixed(3)}`) })));
    const { benchDistillation, TEACHER_DATA } = await import('./learning-distillation');
    for (const teacherData of TEACHER_DATA) {
      for (const row of await benchDistillation({ teacherData, log: (line) => opts.log(`distillation ${line}`) })) results.push({ name: 'distillation', ...row });
    }
  }

  const commit = await commitOf();
  const record: BenchRun = { date: new Date().toISOString(), ...(opts.note ? { note: opts.note } : {}), ...(commit ? { commit } : {}), machine: await machineDescription(), repeats: opts.repeats, results };
  const json = path.join(opts.resultsDir, 'results.json');
  await saveRun(record, { json, markdown: path.join(opts.resultsDir, 'RESULTS.md') });
  if (opts.readme) await writeReadmeSection(json, opts.readme);
  return record;
}
