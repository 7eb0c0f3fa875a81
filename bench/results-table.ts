// The rows a suite run records, and bench/RESULTS.md made from them: the latest run,
// with the previous run's figure for the same measurement beside each new one, and the
// ratio to PyTorch measured in the same run.
import { PRESET_NAMES } from '../core/model/config';
import type { DistillationBenchRow } from './learning-distillation';

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

/** A teacher fine-tuned, and the same student distilled from it and trained alone (bench/learning-distillation.ts). */
export type DistillationRow = { name: 'distillation'; /** When it was measured, if not with the rest of its run (`bench --distillation`). */ date?: string } & DistillationBenchRow;

/** A row the suite could not measure here, and why (no data set, no PyTorch, ...). */
export interface SkippedRow {
  name: 'skipped';
  what: string;
  reason: string;
}

export type BenchRow = ModelRow | TokenizerRow | LearningRow | DistillationRow | SkippedRow;

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

/** 3 significant-ish digits: 0.931, 15.3, 555. */
function rate(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return '–';
  return value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2);
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

function distillationTable(run: BenchRun, previous: BenchRun | undefined): string[] {
  const rows = rowsOf(run, 'distillation');
  if (rows.length === 0) return [];
  const key = (r: DistillationRow): string => `${r.dataset}|${r.teacher.preset}|${r.distilled.preset}|${r.distilled.steps}`;
  const before = new Map(rowsOf(previous, 'distillation').map((r) => [key(r), r]));
  const lines = [
    '## Distillation (from random initialisation)',
    '',
    'The teacher fine-tuned on the sample; the student trained twice with the same steps and seed: distilled (alpha · CE + (1 − alpha) · T² · KL to the teacher) and plain (CE alone).',
    '',
    '| dataset | metric | teacher | distilled student | plain student | distilled − plain | previous | T | alpha | backend | seconds |',
    '|---|---|---:|---:|---:|---:|---:|---:|---:|---|---:|',
  ];
  const model = (m: DistillationRow['teacher']) => `${m.value.toFixed(3)} (${m.preset}, ${m.steps} steps)`;
  for (const r of rows) {
    const old = before.get(key(r));
    const gain = (x: DistillationRow) => x.distilled.value - x.plain.value;
    const signed = (v: number) => `${v >= 0 ? '+' : '−'}${Math.abs(v).toFixed(3)}`;
    lines.push(
      `| ${r.dataset} | ${r.metric} | ${model(r.teacher)} | ${model(r.distilled)} | ${model(r.plain)} | ${signed(gain(r))} | ${old ? signed(gain(old)) : '–'} | ${r.temperature} | ${r.alpha} | ${r.backend} | ${r.seconds.toFixed(0)} |`,
    );
  }
  const dated = rows.find((r) => r.date);
  return [...lines, ...(dated?.date ? ['', `Measured on ${dated.date} (\`bert-workbench bench --distillation\`).`] : []), ''];
}

export function resultsMarkdown(run: BenchRun, previous: BenchRun | undefined): string {
  const { machine } = run;
  const skipped = rowsOf(run, 'skipped');
  return [
    '# Benchmark results',
    '',
    `Written by \`npm run bench\` on ${run.date}${run.note ? ` (${run.note})` : ''}: ${machine.cpus} × ${machine.cpu_model}, ${machine.memory_gb} GB, Node ${machine.node}.`,
    `"previous" is the run before${previous ? ` (${previous.date}${previous.note ? `, ${previous.note}` : ''})` : ' (none)'}; every run is kept in results.json.`,
    '',
    ...modelTable(run, previous),
    ...tokenizerTable(run, previous),
    ...learningTable(run, previous),
    ...distillationTable(run, previous),
    ...(skipped.length > 0 ? ['## Not measured', '', ...skipped.map((s) => `- ${s.what}: ${s.reason}`), ''] : []),
  ].join('\n');
}
