// bench/RESULTS.md's ONNX Runtime section: per preset and shape, the TF.js core, the
// exported model in ONNX Runtime (float32, int8) and the ratio, from one suite run.
import { rate } from './format';
import type { OnnxBenchRow } from './onnx-throughput';

export function onnxTable(rows: readonly OnnxBenchRow[], previous: readonly OnnxBenchRow[]): string[] {
  if (rows.length === 0) return [];
  const key = (r: Pick<OnnxBenchRow, 'preset' | 'batch_size' | 'seq_len'>) => `${r.preset}|${r.batch_size}|${r.seq_len}`;
  const groups = new Map<string, OnnxBenchRow[]>();
  for (const row of rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
  const lines = [
    '## ONNX Runtime inference (the exported model)',
    '',
    'Sequence classifier on random tokens: the graph `export --format onnx` writes, run by onnxruntime-node (CPU, float32 and int8), timed in turn with the TF.js core in one process. Median samples/s.',
    '',
    '| preset | batch × len | TF.js core | ONNX Runtime | vs core | ONNX Runtime int8 | previous ONNX Runtime |',
    '|---|---|---:|---:|---:|---:|---:|',
  ];
  for (const group of groups.values()) {
    const [first] = group;
    if (!first) continue;
    const pick = (runtime: OnnxBenchRow['runtime'], from: readonly OnnxBenchRow[] = group) => from.find((r) => r.runtime === runtime);
    const cell = (row: OnnxBenchRow | undefined, suffix = '') => (!row ? '–' : row.error ? `failed: ${row.error.replace(/\|/g, '\\|')}` : `${rate(row.samples_per_second)}${suffix}`);
    const [core, f32, int8] = [pick('tfjs'), pick('onnxruntime'), pick('onnxruntime-int8')];
    const before = pick('onnxruntime', previous.filter((r) => key(r) === key(first)));
    const ratio = core?.samples_per_second && f32?.samples_per_second ? `${(f32.samples_per_second / core.samples_per_second).toFixed(2)}×` : '';
    lines.push(`| ${first.preset} | ${first.batch_size} × ${first.seq_len} | ${cell(core, core ? ` (${core.backend})` : '')} | ${cell(f32)} | ${ratio} | ${cell(int8)} | ${cell(before)} |`);
  }
  return [...lines, ''];
}
