// `bert-workbench bench --onnx`: the exported model's inference in ONNX Runtime beside the
// TF.js core, at batch 8 × 128 and 1 × 128 (one JSON line per measurement with --json).
import { initNodeBackend } from '../../../core/backend/node-backends';
import { backendSummary } from '../../../core/backend/select';
import { isPresetName, PRESET_NAMES } from '../../../core/model/config';
import { benchOnnx, type OnnxBenchRow } from '../../../bench/onnx-throughput';
import { flag, numberOption, stringOption, type ParsedArgs } from '../args';
import { UsageError, type CliIO } from '../command';

function describe(row: OnnxBenchRow): string {
  const who = row.runtime === 'tfjs' ? `TF.js core (${row.backend})` : row.runtime === 'onnxruntime' ? 'ONNX Runtime float32' : 'ONNX Runtime int8';
  return `${row.preset} ${row.batch_size} × ${row.seq_len}, ${who}: ${row.samples_per_second.toFixed(2)} samples/s (${row.step_ms_median.toFixed(1)} ms/batch, median of ${row.steps})`;
}

export async function measureOnnx(parsed: ParsedArgs, io: CliIO): Promise<number> {
  const json = flag(parsed, 'json');
  const preset = stringOption(parsed, 'preset') ?? 'bert-mini';
  if (!isPresetName(preset)) throw new UsageError(`unknown preset "${preset}"; use one of ${PRESET_NAMES.join(', ')}`);
  const big = preset === 'bert-base' || preset === 'bert-large';
  const steps = numberOption(parsed, 'steps') ?? (big ? 3 : 10);
  const warmup = numberOption(parsed, 'warmup') ?? (big ? 1 : 2);
  if (!Number.isInteger(steps) || steps < 1) throw new UsageError(`--steps must be a positive integer, got ${steps}`);
  if (!Number.isInteger(warmup) || warmup < 0) throw new UsageError(`--warmup must be a non-negative integer, got ${warmup}`);
  try {
    const backend = await initNodeBackend(stringOption(parsed, 'backend'));
    if (!json) io.stderr(`backend: ${backendSummary(backend)}\n`);
    await benchOnnx({ preset, steps, warmup, onRow: (row) => io.stdout(json ? JSON.stringify(row) + '\n' : describe(row) + '\n') });
    return 0;
  } catch (error) {
    if (!json) throw error;
    // The suite reads stdout: a failure is a row too.
    const message = (error instanceof Error ? error.message : String(error)).split('\n')[0] ?? '';
    io.stdout(JSON.stringify({ name: 'onnx', preset, runtime: 'onnxruntime', backend: 'cpu', batch_size: 0, seq_len: 0, steps: 0, step_ms_median: 0, samples_per_second: 0, error: message }) + '\n');
    return 1;
  }
}
