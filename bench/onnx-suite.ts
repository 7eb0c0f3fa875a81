// The suite's ONNX Runtime rows: `bench --onnx --json` in a child process per preset, as
// every model measurement runs (its own memory, and a crash is a row, not the suite's end).
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import type { OnnxBenchRow } from './onnx-throughput';

const run = promisify(execFile);

export async function measureOnnxInChild(cli: string, cwd: string, opts: { preset: string; steps: number; warmup: number; backend?: string | undefined }): Promise<OnnxBenchRow[]> {
  const args = [cli, 'bench', '--onnx', '--json', '--preset', opts.preset, '--steps', String(opts.steps), '--warmup', String(opts.warmup), ...(opts.backend ? ['--backend', opts.backend] : [])];
  const parse = (stdout: string | undefined) => (stdout ?? '').trim().split('\n').filter((line) => line.startsWith('{')).map((line) => JSON.parse(line) as OnnxBenchRow);
  try {
    return parse((await run(process.execPath, args, { cwd, timeout: 60 * 60_000, maxBuffer: 16 * 2 ** 20 })).stdout);
  } catch (error) {
    const failure = error as { stdout?: string; stderr?: string; message: string; signal?: string };
    const printed = parse(failure.stdout);
    if (printed.length > 0) return printed;
    const reason = failure.signal ? `killed by ${failure.signal}` : (failure.stderr?.trim().split('\n').pop() ?? failure.message);
    return [{ name: 'onnx', preset: opts.preset, runtime: 'onnxruntime', backend: 'cpu', batch_size: 0, seq_len: 0, steps: 0, step_ms_median: 0, samples_per_second: 0, error: reason }];
  }
}
