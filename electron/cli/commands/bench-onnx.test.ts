// `bert-workbench bench --onnx`: the exported model in ONNX Runtime beside the TF.js core at
// both shapes, one JSON row each, and bench/RESULTS.md's section made from them.
import { describe, expect, it } from 'vitest';
import { resultsMarkdown, type BenchRun } from '../../../bench/results-table';
import type { OnnxBenchRow } from '../../../bench/onnx-throughput';
import type { CliIO } from '../command';
import { runCli } from '../main';

function capture(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', isTTY: false, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

describe('bert-workbench bench --onnx', () => {
  it('measures the core, ONNX Runtime float32 and int8 at 8 × 128 and 1 × 128', async () => {
    const io = capture();
    expect(await runCli(['bench', '--onnx', '--json', '--preset', 'bert-tiny', '--steps', '1', '--warmup', '0'], io)).toBe(0);
    const rows = io.out.trim().split('\n').map((line) => JSON.parse(line) as OnnxBenchRow);
    expect(rows.map((r) => [r.runtime, r.batch_size, r.seq_len])).toEqual([
      ['tfjs', 8, 128], ['onnxruntime', 8, 128], ['onnxruntime-int8', 8, 128],
      ['tfjs', 1, 128], ['onnxruntime', 1, 128], ['onnxruntime-int8', 1, 128],
    ]);
    for (const row of rows) {
      expect(row).toMatchObject({ name: 'onnx', preset: 'bert-tiny', steps: 1 });
      expect(row.samples_per_second).toBeGreaterThan(0);
      expect(row.error).toBeUndefined();
    }
  });

  it('shows them in bench/RESULTS.md with the ratio to the core and the previous run', () => {
    const machine = { cpus: 2, cpu_model: 'test cpu', memory_gb: 24, node: 'v20' };
    const row = (runtime: OnnxBenchRow['runtime'], samples: number): OnnxBenchRow => ({ name: 'onnx', preset: 'bert-mini', runtime, backend: runtime === 'tfjs' ? 'native-cpu' : 'cpu', batch_size: 8, seq_len: 128, steps: 10, step_ms_median: 8000 / samples, samples_per_second: samples });
    const previous: BenchRun = { date: '2024-01-01', machine, results: [row('onnxruntime', 60)] };
    const latest: BenchRun = { date: '2024-01-02', machine, results: [row('tfjs', 100), row('onnxruntime', 72), row('onnxruntime-int8', 150)] };
    const markdown = resultsMarkdown(latest, previous);
    expect(markdown).toContain('## ONNX Runtime inference (the exported model)');
    expect(markdown).toContain('| bert-mini | 8 × 128 | 100 (native-cpu) | 72.0 | 0.72× | 150 | 60.0 |');
  });
});
