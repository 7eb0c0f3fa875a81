// `bert-workbench bench`: one measurement prints one JSON object with the documented keys
// (bert-tiny, 2 steps, on whatever backend the chain picks here), and the suite's
// markdown puts the previous run and the PyTorch ratio beside each figure.
import { describe, expect, it } from 'vitest';
import { BACKEND_NAMES } from '../../../core/backend/select';
import { README_END, README_START, withPerformanceSection } from '../../../bench/readme-node';
import { resultsMarkdown, type BenchRun, type EndToEndRow, type ModelRow } from '../../../bench/results-table';
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

describe('bench/RESULTS.md and the README section', () => {
  const machine = { cpus: 2, cpu_model: 'test cpu', memory_gb: 24, node: 'v20', blas: 'OpenBLAS 0.3.21 Cooperlake' };
  const row = (backend: string, samples: number, extra: Partial<ModelRow> = {}): ModelRow => ({ name: 'model', preset: 'bert-mini', mode: 'train', backend, batch_size: 8, seq_len: 128, samples_per_second: samples, step_ms_median: 8000 / samples, gflops: 10, peak_rss_mb: 500, ...extra });
  const e2e = (backend: string, wall: number, rss: number, extra: Partial<EndToEndRow> = {}): EndToEndRow => ({ name: 'end-to-end', preset: 'bert-mini', backend, examples: 1800, batch_size: 16, steps: 113, wall_s: wall, repeats: [wall, wall + 2, wall - 1], peak_rss_mb: rss, ...extra });
  const latest: BenchRun = {
    date: '2024-01-02',
    commit: { sha: '0123456789abcdef', dirty: false },
    machine,
    repeats: 3,
    results: [
      row('native-cpu', 15, { repeats: [14, 15, 16.5], estimate_step_ms: 600 }),
      row('pytorch', 20, { repeats: [19, 20, 21] }),
      row('native-cpu', 2, { preset: 'bert-base', gradient_checkpointing: true, peak_rss_mb: 2100 }),
      e2e('native-cpu', 40, 700, { estimate_s: 50, mean_batch_length: 34.6 }),
      e2e('pytorch', 44, 720),
      { name: 'skipped', what: 'tokenizer', reason: 'no data' },
    ],
  };

  it('puts each figure with its range, the ratio to PyTorch, memory targets and the estimate against the measurement', () => {
    const markdown = resultsMarkdown(latest, undefined);
    expect(markdown).toContain('commit 0123456789');
    expect(markdown).toContain('| bert-mini | train | native-cpu | 8 × 128 | 15.0 | 14.0–16.5 | 0.75× | 10.0 | 500 |');
    expect(markdown).toContain('| bert-mini | 1800 | native-cpu | 113 | 34.6 | 40.0 | 39.0–42.0 | 1.10× | 700 | 0.97× |');
    expect(markdown).toContain('| bert-base | native-cpu | on | 2100 | 3072 | yes |');
    expect(markdown).toContain('| bert-mini train 8 × 128 | native-cpu | 0.600 s/step | 0.533 s/step | 1.13 | yes |');
    expect(markdown).toContain('| bert-mini, 1800 SST-2 sentences, one epoch | native-cpu | 50.0 s | 40.0 s | 1.25 | yes |');
    expect(markdown).toContain('- tokenizer: no data');
  });

  it('rewrites only the README text between the markers', () => {
    const readme = `# Title\n\n## Performance\n${README_START}\nold figures typed by hand\n${README_END}\n\n## Next\n`;
    const updated = withPerformanceSection(readme, latest);
    expect(updated).not.toContain('typed by hand');
    expect(updated.startsWith(`# Title\n\n## Performance\n${README_START}\nMeasured by`)).toBe(true);
    expect(updated).toContain('| bert-mini | 1800 | native-cpu |');
    expect(updated.endsWith(`${README_END}\n\n## Next\n`)).toBe(true);
    expect(withPerformanceSection(updated, latest)).toBe(updated);
    expect(() => withPerformanceSection('# no markers', latest)).toThrow(/no performance markers/);
  });
});
