// The rows a suite run records, and bench/RESULTS.md made from them: the latest run,
// the ratio to PyTorch measured in the same run (the two interleaved, each figure the
// median of the repeats with their range), the end-to-end runs, the issue's memory
// targets, and the time estimate next to what was measured.
import { PRESET_NAMES } from '../core/model/config';
import type { DistillationBenchRow } from './learning-distillation';
import type { PretrainingBenchRow } from './pretraining';
import type { PretrainingThroughputRow } from './pretraining-throughput';
import { rate } from './format';
import { onnxTable } from './onnx-table';
import type { OnnxBenchRow } from './onnx-throughput';
import { spreadOf } from '../core/metrics/spread';


/** A throughput measurement (TF.js or PyTorch), or why it could not be made. */
export interface ModelRow {
  name: 'model';
  preset: string;
  mode: string;
  backend: string;
  batch_size: number;
  seq_len: number;
  grad_accum?: number;
  gradient_checkpointing?: boolean;
  /** The median over the repeats (each repeat: the median of its timed steps). */
  samples_per_second?: number;
  step_ms_median?: number;
  /** samples/s of each repeat. */
  repeats?: number[];
  gflops?: number;
  peak_rss_mb?: number;
  tensor_leak?: number;
  backend_detail?: string;
  /** The time estimate for this step (core/train/time-estimate.ts), from the run's throughput probe. */
  estimate_step_ms?: number;
  /** Set instead of the figures when the measurement failed (e.g. out of memory). */
  error?: string;
}

/** The app's fine-tuning run on the SST-2 sample (bench/end-to-end.ts), or PyTorch's equivalent loop. */
export interface EndToEndRow {
  name: 'end-to-end';
  preset: string;
  backend: string;
  examples: number;
  batch_size: number;
  steps?: number;
  /** Median wall time of the training loop over the repeats, and each repeat's. */
  wall_s?: number;
  repeats?: number[];
  peak_rss_mb?: number;
  mean_batch_length?: number;
  estimate_s?: number;
  gradient_checkpointing?: boolean;
  backend_detail?: string;
  error?: string;
}

export interface TokenizerRow {
  name: 'tokenizer';
  chars_per_second: number;
  tokens_per_second: number;
  chars: number;
}

export interface LearningRow {
  name: 'learning';
  preset: string;
  task: string;
  dataset: string;
  steps: number;
  metric: string;
  value: number;
  seconds: number;
  backend?: string;
}

/** A teacher fine-tuned, and the same student distilled from it and trained alone (bench/learning-distillation.ts). */
export type DistillationRow = { name: 'distillation'; /** When it was measured, if not with the rest of its run (`bench --distillation`). */ date?: string } & DistillationBenchRow;

/** A row the suite could not measure here, and why (no data set, no PyTorch, ...). */
export interface SkippedRow {
  name: 'skipped';
  what: string;
  reason: string;
}

export type BenchRow = ModelRow | EndToEndRow | TokenizerRow | LearningRow | DistillationRow | PretrainingThroughputRow | PretrainingBenchRow | OnnxBenchRow | SkippedRow;

export interface BenchRun {
  date: string;
  note?: string;
  /** The commit measured; dirty when the working tree had changes. */
  commit?: { sha: string; dirty: boolean };
  machine: { cpus: number; cpu_model: string; memory_gb: number; node: string; blas?: string };
  /** Repeats of every compared measurement. */
  repeats?: number;
  results: BenchRow[];
}

const BACKEND_ORDER = ['tensorflow-gpu', 'tensorflow', 'native-cpu', 'wasm', 'cpu', 'pytorch'];
/** The estimate counts as right within this factor of the measured time (the issue's ±30%). */
export const ESTIMATE_TOLERANCE = 0.3;

export function rowsOf<T extends BenchRow['name']>(run: BenchRun | undefined, name: T): Extract<BenchRow, { name: T }>[] {
  return (run?.results ?? []).filter((row): row is Extract<BenchRow, { name: T }> => row.name === name);
}

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

function range(values: readonly number[] | undefined): string {
  if (!values || values.length < 2) return '';
  const { min, max } = spreadOf(values);
  return `${rate(min)}–${rate(max)}`;
}

function order(list: readonly string[], value: string): number {
  return list.includes(value) ? list.indexOf(value) : list.length;
}

function compareModelRows(a: ModelRow, b: ModelRow): number {
  return (
    order(PRESET_NAMES, a.preset) - order(PRESET_NAMES, b.preset) ||
    a.mode.localeCompare(b.mode) * -1 || // train before infer
    Number(a.gradient_checkpointing ?? false) - Number(b.gradient_checkpointing ?? false) ||
    order(BACKEND_ORDER, a.backend) - order(BACKEND_ORDER, b.backend)
  );
}

/** PyTorch's row for the same preset, mode and shape in the same run. */
function pytorchRowFor(row: ModelRow, rows: readonly ModelRow[]): ModelRow | undefined {
  return rows.find((r) => r.backend === 'pytorch' && r.preset === row.preset && r.mode === row.mode && r.batch_size === row.batch_size && r.seq_len === row.seq_len);
}

/** samples/s of this row over PyTorch's for the same preset, mode and shape in the same run. */
export function pytorchRatio(row: ModelRow, rows: readonly ModelRow[]): number | undefined {
  if (row.backend === 'pytorch' || row.samples_per_second === undefined) return undefined;
  const reference = pytorchRowFor(row, rows);
  return reference?.samples_per_second ? row.samples_per_second / reference.samples_per_second : undefined;
}

/** PyTorch's wall time over this row's (≥ 1: faster than PyTorch), and peak RSS over PyTorch's. */
export function endToEndRatios(row: EndToEndRow, rows: readonly EndToEndRow[]): { speed?: number; memory?: number } {
  if (row.backend === 'pytorch' || row.wall_s === undefined) return {};
  const reference = rows.find((r) => r.backend === 'pytorch' && r.preset === row.preset && r.examples === row.examples && r.batch_size === row.batch_size);
  if (!reference?.wall_s) return {};
  return { speed: reference.wall_s / row.wall_s, ...(row.peak_rss_mb && reference.peak_rss_mb ? { memory: row.peak_rss_mb / reference.peak_rss_mb } : {}) };
}

function describeShape(row: ModelRow): string {
  const extras = [row.grad_accum && row.grad_accum > 1 ? `${row.grad_accum} micro` : '', row.gradient_checkpointing ? 'checkpointing' : ''].filter(Boolean);
  return `${row.batch_size} × ${row.seq_len}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`;
}

function modelTable(run: BenchRun): string[] {
  const rows = rowsOf(run, 'model').sort(compareModelRows);
  if (rows.length === 0) return [];
  const lines = [
    '## Model throughput',
    '',
    `Sequence classification on random tokens; training steps are forward, backward and AdamW. ${run.repeats ? `samples/s is the median of ${run.repeats} repeats (each the median of its timed steps), TF.js and PyTorch interleaved; "range" is the lowest and highest repeat.` : 'One measurement each, the median of its timed steps (this run predates repeated, interleaved measurements).'}`,
    '',
    '| preset | mode | backend | batch × len | samples/s | range | vs PyTorch | GFLOP/s | peak RSS (MB) |',
    '|---|---|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    if (row.error) {
      lines.push(`| ${row.preset} | ${row.mode} | ${row.backend} | ${describeShape(row)} | failed: ${row.error.replace(/\|/g, '\\|')} | | | | |`);
      continue;
    }
    const ratio = pytorchRatio(row, rows);
    lines.push(`| ${row.preset} | ${row.mode} | ${row.backend} | ${describeShape(row)} | ${rate(row.samples_per_second)} | ${range(row.repeats)} | ${ratio === undefined ? '' : `${ratio.toFixed(2)}×`} | ${fixed(row.gflops, 1)} | ${fixed(row.peak_rss_mb, 0)} |`);
  }
  return [...lines, ''];
}

function endToEndTable(run: BenchRun): string[] {
  const rows = rowsOf(run, 'end-to-end');
  if (rows.length === 0) return [];
  const lines = [
    '## End to end: fine-tuning on the SST-2 sample',
    '',
    "The app's training loop (random initialisation, batch 16, dynamic padding, one epoch, AdamW, dropout, clipping) against an equivalent PyTorch loop on the same batches (bench/pytorch_end_to_end.py). Wall time of the training loop, median of the repeats; speed is PyTorch's time over this one.",
    '',
    '| preset | sentences | backend | steps | mean batch length | wall (s) | range (s) | speed vs PyTorch | peak RSS (MB) | RSS vs PyTorch |',
    '|---|---:|---|---:|---:|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    if (row.error) {
      lines.push(`| ${row.preset} | ${row.examples} | ${row.backend} | | | failed: ${row.error.replace(/\|/g, '\\|')} | | | | |`);
      continue;
    }
    const { speed, memory } = endToEndRatios(row, rows);
    lines.push(`| ${row.preset} | ${row.examples} | ${row.backend} | ${row.steps ?? ''} | ${fixed(row.mean_batch_length, 1)} | ${fixed(row.wall_s, 1)} | ${range(row.repeats)} | ${speed === undefined ? '' : `${speed.toFixed(2)}×`} | ${fixed(row.peak_rss_mb, 0)} | ${memory === undefined ? '' : `${memory.toFixed(2)}×`} |`);
  }
  return [...lines, ''];
}

/** Estimated over measured, and whether that is within ESTIMATE_TOLERANCE. */
export function estimateAccuracy(estimate: number | undefined, actual: number | undefined): { ratio: number; within: boolean } | undefined {
  if (!estimate || !actual) return undefined;
  const ratio = estimate / actual;
  return { ratio, within: Math.abs(ratio - 1) <= ESTIMATE_TOLERANCE };
}

function estimateTable(run: BenchRun): string[] {
  const lines: string[] = [];
  for (const row of rowsOf(run, 'model').sort(compareModelRows)) {
    const accuracy = estimateAccuracy(row.estimate_step_ms, row.step_ms_median);
    if (accuracy) lines.push(`| ${row.preset} ${row.mode} ${describeShape(row)} | ${row.backend} | ${fixed(row.estimate_step_ms! / 1000, 3)} s/step | ${fixed(row.step_ms_median! / 1000, 3)} s/step | ${accuracy.ratio.toFixed(2)} | ${accuracy.within ? 'yes' : 'no'} |`);
  }
  for (const row of rowsOf(run, 'end-to-end')) {
    const accuracy = estimateAccuracy(row.estimate_s, row.wall_s);
    if (accuracy) lines.push(`| ${row.preset}, ${row.examples} SST-2 sentences, one epoch | ${row.backend} | ${fixed(row.estimate_s, 1)} s | ${fixed(row.wall_s, 1)} s | ${accuracy.ratio.toFixed(2)} | ${accuracy.within ? 'yes' : 'no'} |`);
  }
  if (lines.length === 0) return [];
  return [
    '## Time estimate against the measured time',
    '',
    `The Review step's estimate for each measurement, from the throughput probe this run made first (core/train/time-estimate.ts), before the measurement ran. Within ±${ESTIMATE_TOLERANCE * 100}%: estimate/actual between ${1 - ESTIMATE_TOLERANCE} and ${1 + ESTIMATE_TOLERANCE}.`,
    '',
    '| what | backend | estimate | measured | estimate/actual | within ±30% |',
    '|---|---|---:|---:|---:|---|',
    ...lines,
    '',
  ];
}

/** The issue's memory targets: bert-base training at 8 × 128 under 3 GB peak RSS, bert-large under 6 GB, without micro-batching. */
export const MEMORY_TARGETS_MB: Readonly<Record<string, number>> = { 'bert-base': 3 * 1024, 'bert-large': 6 * 1024 };

function memoryTable(run: BenchRun): string[] {
  const rows = rowsOf(run, 'model').filter((r) => r.mode === 'train' && r.backend !== 'pytorch' && MEMORY_TARGETS_MB[r.preset] !== undefined && !r.error && (r.grad_accum ?? 1) === 1);
  if (rows.length === 0) return [];
  const all = rowsOf(run, 'model');
  return [
    '## Memory',
    '',
    'Peak RSS of a training step at batch 8 × 128 without micro-batching, against the targets and PyTorch.',
    '',
    '| preset | backend | gradient checkpointing | peak RSS (MB) | target (MB) | met | PyTorch (MB) |',
    '|---|---|---|---:|---:|---|---:|',
    ...rows.sort(compareModelRows).map((r) => {
      const target = MEMORY_TARGETS_MB[r.preset]!;
      return `| ${r.preset} | ${r.backend} | ${r.gradient_checkpointing ? 'on' : 'off'} | ${fixed(r.peak_rss_mb, 0)} | ${target} | ${(r.peak_rss_mb ?? Infinity) < target ? 'yes' : 'no'} | ${fixed(pytorchRowFor(r, all)?.peak_rss_mb, 0)} |`;
    }),
    '',
  ];
}

function tokenizerTable(run: BenchRun, previous: BenchRun | undefined): string[] {
  const row = rowsOf(run, 'tokenizer')[0];
  if (!row) return [];
  const old = rowsOf(previous, 'tokenizer')[0];
  return [
    '## Tokenizer (SST-2 train sentences)',
    '',
    '| chars/s | previous | tokens/s |',
    '|---:|---:|---:|',
    `| ${row.chars_per_second.toFixed(0)} | ${old ? old.chars_per_second.toFixed(0) : '–'} | ${row.tokens_per_second.toFixed(0)} |`,
    '',
  ];
}

function learningTable(run: BenchRun, previous: BenchRun | undefined): string[] {
  const rows = rowsOf(run, 'learning');
  if (rows.length === 0) return [];
  const key = (r: LearningRow): string => `${r.preset}|${r.dataset}|${r.steps}`;
  const before = new Map(rowsOf(previous, 'learning').map((r) => [key(r), r]));
  const lines = ['## Learning quality (from random initialisation)', '', '| preset | dataset | steps | metric | value | previous | backend | seconds |', '|---|---|---:|---|---:|---:|---|---:|'];
  for (const r of rows) {
    const old = before.get(key(r));
    lines.push(`| ${r.preset} | ${r.dataset} | ${r.steps} | ${r.metric} | ${r.value.toFixed(3)} | ${old ? old.value.toFixed(3) : '–'} | ${r.backend ?? ''} | ${r.seconds.toFixed(0)} |`);
  }
  return [...lines, ''];
}

function distillationTable(run: BenchRun, previous: BenchRun | undefined): string[] {
  const rows = rowsOf(run, 'distillation');
  if (rows.length === 0) return [];
  const key = (r: DistillationRow): string => `${r.dataset}|${r.teacher.preset}|${r.teacher.train_sentences ?? ''}|${r.distilled.preset}|${r.distilled.steps}|${r.unlabelled_sentences ?? 0}`;
  const before = new Map(rowsOf(previous, 'distillation').map((r) => [key(r), r]));
  const lines = [
    '## Distillation (from random initialisation)',
    '',
    'The teacher fine-tuned on the labelled sentences it names (the sample, or the full SST-2 training set); the student trained twice on the sample with the same steps and seed: distilled (alpha · CE + (1 − alpha) · T² · KL to the teacher, the KL term also on the unlabelled sentences it names, sentences of the training set outside the sample) and plain (CE alone).',
    '',
    '| dataset | metric | teacher | distilled student | plain student | distilled − plain | previous | unlabelled | T | alpha | backend | seconds |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---:|',
  ];
  const model = (m: DistillationRow['distilled']) => `${m.value.toFixed(3)} (${m.preset}, ${m.steps} steps)`;
  const teacher = (m: DistillationRow['teacher']) => `${m.value.toFixed(3)} (${m.preset}, ${m.steps} steps${m.train_sentences ? ` on ${m.train_sentences.toLocaleString('en-US')} sentences` : ''})`;
  for (const r of rows) {
    const old = before.get(key(r));
    const gain = (x: DistillationRow) => x.distilled.value - x.plain.value;
    const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(3)}`;
    lines.push(
      `| ${r.dataset} | ${r.metric} | ${teacher(r.teacher)} | ${model(r.distilled)} | ${model(r.plain)} | ${signed(gain(r))} | ${old ? signed(gain(old)) : '–'} | ${(r.unlabelled_sentences ?? 0).toLocaleString('en-US')} | ${r.temperature} | ${r.alpha} | ${r.backend} | ${r.seconds.toFixed(0)} |`,
    );
  }
  const dated = rows.find((r) => r.date);
  return [...lines, ...(dated?.date ? ['', `Measured on ${dated.date} (\`bert-workbench bench --distillation\`).`] : []), ''];
}


function pretrainingThroughputTable(run: BenchRun): string[] {
  const rows = rowsOf(run, 'pretraining-throughput');
  if (rows.length === 0) return [];
  const lines = [
    '## Pre-training throughput (masked-LM decoder at every position vs at the masked positions)',
    '',
    'BertForPreTraining training steps (forward, backward, AdamW) on 15%-masked random tokens with NSP labels; the two variants alternate step by step in one process. Median samples/s, with the slowest and fastest step.',
    '',
    '| preset | backend | batch × len | decoder | steps | samples/s | range |',
    '|---|---|---|---|---:|---:|---|',
  ];
  for (const r of rows) lines.push(`| ${r.preset} | ${r.backend} | ${r.batch_size} × ${r.seq_len} | ${r.decoder} | ${r.steps} | ${rate(r.samples_per_second)} | ${rate(r.samples_per_second_range[0])}–${rate(r.samples_per_second_range[1])} |`);
  const [all, masked] = [rows.find((r) => r.decoder === 'all positions'), rows.find((r) => r.decoder === 'masked positions')];
  if (all && masked) lines.push('', `Masked positions only: ${(masked.samples_per_second / all.samples_per_second).toFixed(2)}× the samples/s.`);
  return [...lines, ''];
}

function pretrainingTable(run: BenchRun): string[] {
  const rows = rowsOf(run, 'pretraining');
  if (rows.length === 0) return [];
  const lines = [
    '## Domain pre-training (learning quality)',
    '',
    `${rows[0]?.preset ?? 'The model'} pre-trained from random weights on the unlabelled SST-2 training sentences (masked LM on packed 64-token blocks, batch 32), then fine-tuned on the 2,000 labelled SST-2 sentences of the sample; the same fine-tunes from random weights beside them, each start at the same learning rates. Dev accuracy on SST-2 dev (872); fill-mask top-5 on the dev sentences with one word masked each (bench/pretraining.ts).`,
    '',
    '| what | steps | metric | value | seed | backend | seconds |',
    '|---|---:|---|---:|---:|---|---:|',
  ];
  for (const r of rows) lines.push(`| ${r.what} | ${r.steps} | ${r.metric} | ${fixed(r.value, 3)} | ${r.seed} | ${r.backend} | ${r.seconds.toFixed(0)} |`);
  return [...lines, ''];
}

/** Where a run was measured, in one line. */
export function runProvenance(run: BenchRun): string {
  const { machine } = run;
  const commit = run.commit ? `, commit ${run.commit.sha.slice(0, 10)}${run.commit.dirty ? ' (with uncommitted changes)' : ''}` : '';
  return `${run.date}${run.note ? ` (${run.note})` : ''}: ${machine.cpus} × ${machine.cpu_model}, ${machine.memory_gb} GB, Node ${machine.node}${machine.blas ? `, ${machine.blas}` : ''}${commit}`;
}

/**
 * RESULTS.md: the run's tables, with the previous run's figures beside them. A table the
 * run did not measure (a partial run: `--presets bert-mini`, the pre-training rows alone)
 * comes from the newest of the `earlier` runs (oldest first) that did, and says so.
 */
export function resultsMarkdown(run: BenchRun, previous: BenchRun | undefined, earlier: readonly BenchRun[] = []): string {
  const skipped = rowsOf(run, 'skipped');
  const section = (name: BenchRow['name'], table: (source: BenchRun, before: BenchRun | undefined) => string[]): string[] => {
    if (rowsOf(run, name).length > 0) return table(run, previous);
    const at = earlier.findLastIndex((r) => rowsOf(r, name).length > 0);
    if (at < 0) return [];
    const source = earlier[at]!;
    const lines = table(source, earlier[at - 1]);
    return [lines[0]!, '', `(measured by the run of ${source.date}${source.note ? `, ${source.note}` : ''}; this run did not measure it)`, ...lines.slice(1)];
  };
  return [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${runProvenance(run)}.`,
    `Every run is kept in results.json${previous ? ` (the one before: ${previous.date})` : ''}; the README's performance table is generated from this run.`,
    '',
    ...section('end-to-end', endToEndTable),
    ...section('model', modelTable),
    ...memoryTable(run),
    ...estimateTable(run),
    ...section('onnx', (source, before) => onnxTable(rowsOf(source, 'onnx'), rowsOf(before, 'onnx'))),
    ...section('tokenizer', tokenizerTable),
    ...section('learning', learningTable),
    ...section('pretraining-throughput', pretrainingThroughputTable),
    ...section('pretraining', pretrainingTable),
    ...section('distillation', distillationTable),
    ...(skipped.length > 0 ? ['## Not measured', '', ...skipped.map((s) => `- ${s.what}: ${s.reason}`), ''] : []),
  ].join('\n');
}

export { endToEndTable, memoryTable, modelTable, estimateTable };
