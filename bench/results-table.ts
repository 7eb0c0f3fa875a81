// The rows a suite run records, and bench/RESULTS.md made from them: the latest run,
// with the previous run's figure for the same measurement beside each new one, and the
// ratio to PyTorch measured in the same run.
import { PRESET_NAMES } from '../core/model/config';
import type { PretrainingBenchRow } from './pretraining';
import type { PretrainingThroughputRow } from './pretraining-throughput';
import { rate } from './format';
import { onnxTable } from './onnx-table';
import type { OnnxBenchRow } from './onnx-throughput';

/** A throughput measurement (TF.js or PyTorch), or why it could not be made. */
export interface ModelRow {
  name: 'model';
  preset: string;
  mode: string;
  backend: string;
  batch_size: number;
  seq_len: number;
  grad_accum?: number;
  samples_per_second?: number;
  step_ms_median?: number;
  gflops?: number;
  peak_rss_mb?: number;
  tensor_leak?: number;
  backend_detail?: string;
  /** Set instead of the figures when the measurement failed (e.g. out of memory). */
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

/** A row the suite could not measure here, and why (no data set, no PyTorch, ...). */
export interface SkippedRow {
  name: 'skipped';
  what: string;
  reason: string;
}

export type BenchRow = ModelRow | TokenizerRow | LearningRow | PretrainingThroughputRow | PretrainingBenchRow | OnnxBenchRow | SkippedRow;

export interface BenchRun {
  date: string;
  note?: string;
  machine: { cpus: number; cpu_model: string; memory_gb: number; node: string };
  results: BenchRow[];
}

const BACKEND_ORDER = ['tensorflow-gpu', 'tensorflow', 'native-cpu', 'wasm', 'cpu', 'pytorch'];

function modelKey(row: ModelRow): string {
  return `${row.preset}|${row.mode}|${row.backend}|${row.batch_size}|${row.seq_len}`;
}

function rowsOf<T extends BenchRow['name']>(run: BenchRun | undefined, name: T): Extract<BenchRow, { name: T }>[] {
  return (run?.results ?? []).filter((row): row is Extract<BenchRow, { name: T }> => row.name === name);
}

function fixed(value: number | undefined, digits: number): string {
  return value === undefined || !Number.isFinite(value) ? '–' : value.toFixed(digits);
}

function compareModelRows(a: ModelRow, b: ModelRow): number {
  const order = (list: readonly string[], value: string): number => (list.includes(value) ? list.indexOf(value) : list.length);
  return (
    order(PRESET_NAMES, a.preset) - order(PRESET_NAMES, b.preset) ||
    a.mode.localeCompare(b.mode) * -1 || // train before infer
    order(BACKEND_ORDER, a.backend) - order(BACKEND_ORDER, b.backend)
  );
}

/** samples/s of this row over PyTorch's for the same preset, mode and shape in the same run. */
export function pytorchRatio(row: ModelRow, rows: readonly ModelRow[]): number | undefined {
  if (row.backend === 'pytorch' || row.samples_per_second === undefined) return undefined;
  const reference = rows.find((r) => r.backend === 'pytorch' && r.preset === row.preset && r.mode === row.mode && r.batch_size === row.batch_size && r.seq_len === row.seq_len);
  return reference?.samples_per_second ? row.samples_per_second / reference.samples_per_second : undefined;
}

function modelTable(run: BenchRun, previous: BenchRun | undefined): string[] {
  const rows = rowsOf(run, 'model').sort(compareModelRows);
  if (rows.length === 0) return [];
  const before = new Map(rowsOf(previous, 'model').map((row) => [modelKey(row), row]));
  const lines = [
    '## Model throughput',
    '',
    'Sequence classification on random tokens, batch × length as given; training steps are forward, backward and AdamW. Median of the timed steps.',
    '',
    '| preset | mode | backend | batch × len | samples/s | previous | vs PyTorch | GFLOP/s | peak RSS (MB) |',
    '|---|---|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const row of rows) {
    const old = before.get(modelKey(row));
    const shape = `${row.batch_size} × ${row.seq_len}${row.grad_accum && row.grad_accum > 1 ? ` (${row.grad_accum} micro)` : ''}`;
    if (row.error) {
      lines.push(`| ${row.preset} | ${row.mode} | ${row.backend} | ${shape} | failed: ${row.error.replace(/\|/g, '\\|')} | ${rate(old?.samples_per_second)} | | | |`);
      continue;
    }
    const ratio = pytorchRatio(row, rows);
    lines.push(
      `| ${row.preset} | ${row.mode} | ${row.backend} | ${shape} | ${rate(row.samples_per_second)} | ${rate(old?.samples_per_second)} | ${ratio === undefined ? '' : `${ratio.toFixed(2)}×`} | ${fixed(row.gflops, 1)} | ${fixed(row.peak_rss_mb, 0)} |`,
    );
  }
  return [...lines, ''];
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
    'bert-mini pre-trained from random weights on the unlabelled SST-2 training sentences (masked LM on packed 64-token blocks, batch 32), then fine-tuned on the 2,000 labelled SST-2 sentences of the sample; the same fine-tune from random weights beside it. Dev accuracy on SST-2 dev (872); fill-mask top-5 on the dev sentences with one word masked each (bench/pretraining.ts).',
    '',
    '| what | steps | metric | value | seed | backend | seconds |',
    '|---|---:|---|---:|---:|---|---:|',
  ];
  for (const r of rows) lines.push(`| ${r.what} | ${r.steps} | ${r.metric} | ${fixed(r.value, 3)} | ${r.seed} | ${r.backend} | ${r.seconds.toFixed(0)} |`);
  return [...lines, ''];
}

/**
 * RESULTS.md: the run's tables, with the previous run's figures beside them. A table the
 * run did not measure (a partial run: `--presets bert-mini`, the pre-training rows alone)
 * comes from the newest of the `earlier` runs (oldest first) that did, and says so.
 */
export function resultsMarkdown(run: BenchRun, previous: BenchRun | undefined, earlier: readonly BenchRun[] = []): string {
  const { machine } = run;
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
    `Written by \`npm run bench\` on ${run.date}${run.note ? ` (${run.note})` : ''}: ${machine.cpus} × ${machine.cpu_model}, ${machine.memory_gb} GB, Node ${machine.node}.`,
    `"previous" is the run before${previous ? ` (${previous.date}${previous.note ? `, ${previous.note}` : ''})` : ' (none)'}; every run is kept in results.json.`,
    '',
    ...section('model', modelTable),
    ...section('onnx', (source, before) => onnxTable(rowsOf(source, 'onnx'), rowsOf(before, 'onnx'))),
    ...section('tokenizer', tokenizerTable),
    ...section('learning', learningTable),
    ...section('pretraining-throughput', pretrainingThroughputTable),
    ...section('pretraining', pretrainingTable),
    ...(skipped.length > 0 ? ['## Not measured', '', ...skipped.map((s) => `- ${s.what}: ${s.reason}`), ''] : []),
  ].join('\n');
}
