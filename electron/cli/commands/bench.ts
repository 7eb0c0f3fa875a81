// `bert-workbench bench`: how fast this machine trains and runs BERT. One measurement
// (a preset, a mode, a backend) or, with --suite, the whole table that `npm run bench`
// keeps in bench/results.json and bench/RESULTS.md.
import path from 'node:path';
import { initNodeBackend } from '../../../core/backend/node-backends';
import { backendSummary } from '../../../core/backend/select';
import { isPresetName, PRESET_NAMES, type PresetName } from '../../../core/model/config';
import { benchModel, BENCH_MODES, type BenchMode, type ModelBenchResult } from '../../../bench/model-throughput';
import { benchEndToEnd } from '../../../bench/end-to-end';
import { writeReadmeSection } from '../../../bench/readme-node';
import { DEFAULT_REPEATS, runSuite, SUITE_BACKENDS, SUITE_PRESETS } from '../../../bench/suite';
import { probeThroughput } from '../../../core/backend/throughput-probe';
import { benchDistillation, TEACHER_DATA, TEACHER_SETTINGS, type TeacherData } from '../../../bench/learning-distillation';
import { addToLatestRun, machineDescription } from '../../../bench/results-store-node';
import { flag, numberOption, parseArgs, stringOption, type ParsedArgs } from '../args';
import { measureOnnx } from './bench-onnx';
import { UsageError, type CliCommand, type CliIO } from '../command';

const RESULTS_DIR = path.join(import.meta.dirname, '..', '..', '..', 'bench');
const README = path.join(import.meta.dirname, '..', '..', '..', 'README.md');

function positiveInteger(parsed: ParsedArgs, name: string, fallback: number): number {
  const value = numberOption(parsed, name) ?? fallback;
  if (!Number.isInteger(value) || value < 1) throw new UsageError(`--${name} must be a positive integer, got ${value}`);
  return value;
}

function presetOption(value: string): PresetName {
  if (!isPresetName(value)) throw new UsageError(`unknown preset "${value}"; use one of ${PRESET_NAMES.join(', ')}`);
  return value;
}

function modeOption(value: string): BenchMode {
  if (!(BENCH_MODES as readonly string[]).includes(value)) throw new UsageError(`--mode must be train or infer, got "${value}"`);
  return value as BenchMode;
}

function list(parsed: ParsedArgs, name: string): string[] | undefined {
  return stringOption(parsed, name)?.split(',').map((item) => item.trim()).filter(Boolean);
}

function summary(r: ModelBenchResult): string {
  const accumulation = (r.grad_accum > 1 ? ` in ${r.grad_accum} micro-batches` : '') + (r.gradient_checkpointing ? ' with gradient checkpointing' : '');
  return (
    `${r.preset} ${r.mode} on ${r.backend}, batch ${r.batch_size}${accumulation} × ${r.seq_len} tokens, median of ${r.steps} steps: ` +
    `${r.samples_per_second.toFixed(2)} samples/s (${r.step_ms_median.toFixed(0)} ms/step), ${r.gflops.toFixed(1)} GFLOP/s, peak RSS ${r.peak_rss_mb.toFixed(0)} MB` +
    (r.tensor_leak !== 0 ? `, LEAKED ${r.tensor_leak} tensors` : '')
  );
}

async function measureOnce(parsed: ParsedArgs, io: CliIO): Promise<number> {
  const json = flag(parsed, 'json');
  const preset = presetOption(stringOption(parsed, 'preset') ?? 'bert-mini');
  const mode = modeOption(stringOption(parsed, 'mode') ?? 'train');
  const big = preset === 'bert-base' || preset === 'bert-large';
  const options = {
    preset,
    mode,
    batchSize: positiveInteger(parsed, 'batch-size', 8),
    seqLen: positiveInteger(parsed, 'seq-len', 128),
    steps: positiveInteger(parsed, 'steps', big ? 3 : 10),
    warmup: numberOption(parsed, 'warmup') ?? (big ? 1 : 2),
    gradAccum: positiveInteger(parsed, 'grad-accum', 1),
    gradientCheckpointing: flag(parsed, 'gradient-checkpointing'),
  };
  if (!Number.isInteger(options.warmup) || options.warmup < 0) throw new UsageError(`--warmup must be a non-negative integer, got ${options.warmup}`);
  if (options.batchSize % options.gradAccum !== 0) throw new UsageError(`--batch-size ${options.batchSize} must be a multiple of --grad-accum ${options.gradAccum}`);
  const requested = stringOption(parsed, 'backend');
  try {
    const backend = await initNodeBackend(requested);
    if (!json) io.stderr(`backend: ${backendSummary(backend)}\n`);
    const result = await benchModel({
      ...options,
      onStep: ({ index, warmup, ms }) => {
        if (!json) io.stderr(`${warmup ? 'warm-up' : 'step'} ${index + 1}/${options.warmup + options.steps}: ${ms.toFixed(0)} ms\n`);
      },
    });
    io.stdout(json ? JSON.stringify(result) + '\n' : summary(result) + '\n');
    return 0;
  } catch (error) {
    if (!json) throw error;
    // The suite reads stdout: a failure is a row too (out of memory, backend missing).
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0];
    io.stdout(JSON.stringify({ name: 'model', preset, mode, backend: requested ?? 'default', batch_size: options.batchSize, seq_len: options.seqLen, error: message }) + '\n');
    return 1;
  }
}

/** The app's run on the SST-2 sample (bench/end-to-end.ts), one JSON line with --json. */
async function endToEnd(parsed: ParsedArgs, io: CliIO): Promise<number> {
  const preset = presetOption(stringOption(parsed, 'preset') ?? 'bert-mini');
  await initNodeBackend(stringOption(parsed, 'backend'));
  const featuresOut = stringOption(parsed, 'features-out');
  const result = await benchEndToEnd({
    preset,
    examples: positiveInteger(parsed, 'examples', 1800),
    batchSize: positiveInteger(parsed, 'batch-size', 16),
    gradientCheckpointing: flag(parsed, 'gradient-checkpointing'),
    ...(featuresOut ? { featuresOut } : {}),
  });
  io.stdout(
    flag(parsed, 'json')
      ? JSON.stringify(result) + '\n'
      : `${preset} on ${result.backend}, ${result.examples} SST-2 sentences, batch ${result.batch_size} (mean padded length ${result.mean_batch_length.toFixed(1)}), one epoch: ${result.wall_s.toFixed(1)} s (estimated ${result.estimate_s.toFixed(1)} s), peak RSS ${result.peak_rss_mb.toFixed(0)} MB\n`,
  );
  return 0;
}

/** The throughput probe the time estimates start from (core/backend/throughput-probe.ts). */
async function probe(parsed: ParsedArgs, io: CliIO): Promise<number> {
  await initNodeBackend(stringOption(parsed, 'backend'));
  io.stdout(JSON.stringify(await probeThroughput()) + '\n');
  return 0;
}

/** `npm run bench:readme`: the README's performance section from the latest run in bench/results.json. */
async function readme(parsed: ParsedArgs, io: CliIO): Promise<number> {
  const run = await writeReadmeSection(path.join(stringOption(parsed, 'results-dir') ?? RESULTS_DIR, 'results.json'), stringOption(parsed, 'readme') ?? README);
  io.stdout(`wrote the performance section of ${stringOption(parsed, 'readme') ?? README} from the run of ${run.date}\n`);
  return 0;
}

/** --end-to-end-runs bert-mini:1800,bert-base:400 ("none" for none). */
function endToEndRuns(parsed: ParsedArgs): { preset: PresetName; examples: number }[] | undefined {
  const value = stringOption(parsed, 'end-to-end-runs');
  if (value === undefined) return undefined;
  if (value === 'none') return [];
  return value.split(',').map((item) => {
    const [preset, examples] = item.split(':');
    const count = Number(examples);
    if (!Number.isInteger(count) || count < 1) throw new UsageError(`--end-to-end-runs wants preset:sentences items, got "${item}"`);
    return { preset: presetOption(preset ?? ''), examples: count };
  });
}

async function suite(parsed: ParsedArgs, io: CliIO): Promise<number> {
  const resultsDir = stringOption(parsed, 'results-dir');
  const presets = (list(parsed, 'presets') ?? SUITE_PRESETS).map(presetOption);
  const modes = (list(parsed, 'modes') ?? BENCH_MODES).map(modeOption);
  const run = await runSuite({
    presets,
    modes,
    backends: list(parsed, 'backends') ?? SUITE_BACKENDS,
    batchSize: positiveInteger(parsed, 'batch-size', 8),
    seqLen: positiveInteger(parsed, 'seq-len', 128),
    repeats: positiveInteger(parsed, 'repeats', DEFAULT_REPEATS),
    ...(endToEndRuns(parsed) ? { endToEnd: endToEndRuns(parsed) } : {}),
    pytorch: !flag(parsed, 'no-pytorch'),
    learning: !flag(parsed, 'no-learning'),
    onnx: !flag(parsed, 'no-onnx'),
    resultsDir: resultsDir ?? RESULTS_DIR,
    // The README's figures are the default results' (a suite into another folder leaves it alone unless asked).
    ...(stringOption(parsed, 'readme') || !resultsDir ? { readme: stringOption(parsed, 'readme') ?? README } : {}),
    note: stringOption(parsed, 'note'),
    log: (line) => io.stderr(line + '\n'),
  });
  if (flag(parsed, 'json')) for (const row of run.results) io.stdout(JSON.stringify(row) + '\n');
  else io.stdout(`wrote ${run.results.length} rows to ${path.join(stringOption(parsed, 'results-dir') ?? RESULTS_DIR, 'RESULTS.md')}\n`);
  return 0;
}

/** The distillation learning rows alone (both teacher settings), put into the latest suite run's record. */
async function distillationOnly(parsed: ParsedArgs, io: CliIO): Promise<number> {
  const rows = [];
  const steps = (flagName: string, fallback: number) => (stringOption(parsed, flagName) === undefined ? undefined : positiveInteger(parsed, flagName, fallback));
  const students = steps('student-steps', 1);
  const teacherFlags: Record<TeacherData, string> = { sample: 'teacher-steps', full: 'full-teacher-steps' };
  for (const teacherData of TEACHER_DATA) {
    const teacherSteps = steps(teacherFlags[teacherData], TEACHER_SETTINGS[teacherData].steps);
    const measured = await benchDistillation({
      teacherData,
      ...(teacherSteps ? { teacherSteps } : {}),
      ...(students ? { studentSteps: [students] } : {}),
      ...(stringOption(parsed, 'runs-dir') ? { runsDir: path.resolve(stringOption(parsed, 'runs-dir')!) } : {}),
      log: (line) => io.stderr(line + '\n'),
    });
    rows.push(...measured);
    for (const row of measured) {
      const line = `${row.metric}, teacher on ${teacherData === 'full' ? 'the full training set' : 'the sample'}, students ${row.distilled.steps} steps: teacher ${row.teacher.preset} ${row.teacher.value.toFixed(3)}, distilled ${row.distilled.preset} ${row.distilled.value.toFixed(3)}, plain ${row.plain.preset} ${row.plain.value.toFixed(3)}`;
      io.stdout(flag(parsed, 'json') ? JSON.stringify(row) + '\n' : line + '\n');
    }
  }
  const dir = stringOption(parsed, 'results-dir') ?? RESULTS_DIR;
  const date = new Date().toISOString();
  await addToLatestRun(rows.map((row) => ({ name: 'distillation' as const, ...row, date })), { json: path.join(dir, 'results.json'), markdown: path.join(dir, 'RESULTS.md') }, await machineDescription());
  return 0;
}

export const benchCommand: CliCommand = {
  name: 'bench',
  summary: 'Measure training and inference throughput (samples/s, GFLOP/s, peak memory)',
  usage:
    'bert-workbench bench [--preset P] [--mode train|infer] [--batch-size N] [--seq-len N] [--steps N] [--warmup N] [--grad-accum N] [--gradient-checkpointing] [--backend B] [--json]\n' +
    '       bert-workbench bench --end-to-end [--preset P] [--examples N] [--batch-size N] [--gradient-checkpointing] [--features-out FILE] [--json]\n' +
    '       bert-workbench bench --onnx [--preset P] [--steps N] [--warmup N] [--backend B] [--json]   (the exported ONNX model in ONNX Runtime beside the core, 8 × 128 and 1 × 128)\n' +
    '       bert-workbench bench --probe [--backend B]\n' +
    '       bert-workbench bench --suite [--presets P,...] [--modes train,infer] [--backends B,...] [--repeats N] [--end-to-end-runs P:N,...|none] [--no-pytorch] [--no-learning] [--no-onnx] [--results-dir DIR] [--readme FILE] [--note TEXT] [--json]\n' +
    '       bert-workbench bench --readme-only [--results-dir DIR] [--readme FILE]\n' +
    '       bert-workbench bench --distillation [--teacher-steps N] [--full-teacher-steps N] [--student-steps N] [--runs-dir DIR] [--results-dir DIR] [--json]',
  async run(args, io) {
    const parsed = parseArgs(args, {
      suite: { value: false },
      distillation: { value: false },
      'teacher-steps': { value: true },
      'full-teacher-steps': { value: true },
      'student-steps': { value: true },
      'runs-dir': { value: true },
      json: { value: false },
      preset: { value: true },
      mode: { value: true },
      'batch-size': { value: true },
      'seq-len': { value: true },
      steps: { value: true },
      warmup: { value: true },
      'grad-accum': { value: true },
      'gradient-checkpointing': { value: false },
      'end-to-end': { value: false },
      examples: { value: true },
      'features-out': { value: true },
      probe: { value: false },
      repeats: { value: true },
      readme: { value: true },
      'end-to-end-runs': { value: true },
      'readme-only': { value: false },
      backend: { value: true },
      presets: { value: true },
      modes: { value: true },
      backends: { value: true },
      'no-pytorch': { value: false },
      'no-learning': { value: false },
      onnx: { value: false },
      'no-onnx': { value: false },
      'results-dir': { value: true },
      note: { value: true },
    });
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
    if (flag(parsed, 'distillation')) return distillationOnly(parsed, io);
    if (flag(parsed, 'onnx')) return measureOnnx(parsed, io);
    if (flag(parsed, 'suite')) return suite(parsed, io);
    if (flag(parsed, 'readme-only')) return readme(parsed, io);
    if (flag(parsed, 'end-to-end')) return endToEnd(parsed, io);
    if (flag(parsed, 'probe')) return probe(parsed, io);
    return measureOnce(parsed, io);
  },
};
