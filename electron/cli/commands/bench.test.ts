// `bert-workbench bench`: one measurement prints one JSON object with the documented keys
// (bert-tiny, 2 steps, on whatever backend the chain picks here), and the suite's
// markdown puts the previous run and the PyTorch ratio beside each figure.
import { describe, expect, it } from 'vitest';
import { BACKEND_NAMES } from '../../../core/backend/select';
import { resultsMarkdown, type BenchRun } from '../../../bench/results-table';
import type { CliIO } from '../command';
import { runCli } from '../main';

function capture(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', isTTY: false, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

describe('bert-workbench bench --json', () => {
  it('measures bert-tiny training and prints one JSON object', async () => {
    const io = capture();
    const code = await runCli(['bench', '--json', '--preset', 'bert-tiny', '--mode', 'train', '--steps', '2', '--warmup', '1', '--batch-size', '4', '--seq-len', '32'], io);
    expect(io.err).toBe('');
    expect(code).toBe(0);
    const lines = io.out.trim().split('\n');
    expect(lines).toHaveLength(1);
    const row = JSON.parse(lines[0]!) as Record<string, unknown>;
    expect(row).toMatchObject({ name: 'model', preset: 'bert-tiny', mode: 'train', batch_size: 4, seq_len: 32, steps: 2, grad_accum: 1, tensor_leak: 0 });
    expect(BACKEND_NAMES).toContain(row.backend);
    for (const key of ['samples_per_second', 'step_ms_median', 'gflops', 'gflop_per_step', 'peak_rss_mb']) {
      expect(row[key], key).toBeGreaterThan(0);
    }
  });

  it('rejects a batch that does not split into the micro-batches', async () => {
    const io = capture();
    expect(await runCli(['bench', '--batch-size', '6', '--grad-accum', '4'], io)).toBe(2);
    expect(io.err).toContain('must be a multiple of --grad-accum');
  });
});

describe('bench/RESULTS.md', () => {
  const machine = { cpus: 2, cpu_model: 'test cpu', memory_gb: 24, node: 'v20' };
  const row = (backend: string, samples: number) => ({ name: 'model' as const, preset: 'bert-mini', mode: 'train', backend, batch_size: 8, seq_len: 128, samples_per_second: samples, gflops: 10, peak_rss_mb: 500 });

  it('shows the previous figure and the ratio to PyTorch from the same run', () => {
    const previous: BenchRun = { date: '2024-01-01', machine, results: [row('native-cpu', 10)] };
    const latest: BenchRun = { date: '2024-01-02', machine, results: [row('native-cpu', 15), row('pytorch', 20), { name: 'skipped', what: 'tokenizer', reason: 'no data' }] };
    const markdown = resultsMarkdown(latest, previous);
    expect(markdown).toContain('| bert-mini | train | native-cpu | 8 × 128 | 15.0 | 10.0 | 0.75× | 10.0 | 500 |');
    expect(markdown).toContain('| bert-mini | train | pytorch | 8 × 128 | 20.0 | – |  |');
    expect(markdown).toContain('- tokenizer: no data');
  });
});
