// `bert-workbench export`: a run's model as a Hugging Face folder (with a model card), for
// TensorFlow.js (with a page) or for ONNX Runtime and transformers.js, then the parity
// check against the app's outputs.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { initNodeBackend } from '../../../core/backend/node-backends';
import { backendSummary } from '../../../core/backend/select';
import { EXPORT_FORMATS, EXPORT_QUANTIZATIONS, ExportError, exportRun, quantizationProblem, type ExportFormat, type ExportQuantization } from '../../runs/export-run';
import { runIdProblem } from '../../contract';
import { RUN_FILE, RunStore } from '../../runs/run-store';
import { numberOption, parseArgs, stringOption } from '../args';
import { UsageError, UserError, type CliCommand } from '../command';
import { messageOf } from '../input-files';

const FORMATS = EXPORT_FORMATS;
const QUANTIZE_USAGE = (Object.entries(EXPORT_QUANTIZATIONS) as [ExportFormat, readonly string[]][]).filter(([, q]) => q.length > 0).map(([format, q]) => `${q.join('|')} (${format})`).join(', ');

/** A run folder as a store (its parent) and an id (its name). */
export function openRunFolder(dir: string): { store: RunStore; runId: string } {
  const absolute = path.resolve(dir);
  if (!existsSync(path.join(absolute, RUN_FILE))) throw new UserError(`${dir} is not a run folder (it has no ${RUN_FILE})`);
  const problem = runIdProblem(path.basename(absolute));
  if (problem) throw new UserError(`${dir} cannot be read as a run folder: ${problem}`);
  return { store: new RunStore(path.dirname(absolute)), runId: path.basename(absolute) };
}

const WHAT: Record<ExportFormat, string> = { hf: 'a Hugging Face folder', tfjs: 'a TensorFlow.js model', onnx: 'an ONNX model for ONNX Runtime and transformers.js' };

export const exportCommand: CliCommand = {
  name: 'export',
  summary: "Export a run's model as a Hugging Face folder, for TensorFlow.js or for ONNX Runtime, checked against the app",
  usage: `bert-workbench export --run DIR --format ${FORMATS.join('|')} [--out DIR] [--quantize ${QUANTIZE_USAGE}] [--examples N]`,
  async run(args, io) {
    const parsed = parseArgs(args, { run: { value: true }, format: { value: true }, out: { value: true }, quantize: { value: true }, examples: { value: true } });
    if (parsed.positionals.length > 0) throw new UsageError(`unexpected argument "${parsed.positionals[0]}"`);
    const runDir = stringOption(parsed, 'run');
    const format = stringOption(parsed, 'format');
    const quantize = stringOption(parsed, 'quantize');
    const examples = numberOption(parsed, 'examples');
    if (runDir === undefined) throw new UsageError('--run DIR is required');
    if (format === undefined || !(FORMATS as readonly string[]).includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}`);
    const problem = quantizationProblem(format as ExportFormat, quantize);
    if (problem) throw new UsageError(problem);
    if (examples !== undefined && (!Number.isInteger(examples) || examples < 1)) throw new UsageError(`--examples must be a positive integer, got ${examples}`);

    const { store, runId } = openRunFolder(runDir);
    const backend = await initNodeBackend();
    io.stderr(`backend: ${backendSummary(backend)}\n`);
    const outDir = stringOption(parsed, 'out');
    const result = await exportRun(store, runId, {
      format: format as ExportFormat,
      // --out is relative to where the command runs, as every CLI path is.
      ...(outDir !== undefined ? { outDir, baseDir: process.cwd() } : {}),
      ...(quantize !== undefined ? { quantize: quantize as ExportQuantization } : {}),
      ...(examples !== undefined ? { parityExamples: examples } : {}),
    }).catch((error: unknown) => {
      if (error instanceof ExportError) throw new UserError(error.message);
      throw new UserError(`cannot export ${runDir}: ${messageOf(error)}`);
    });

    for (const warning of result.warnings) io.stderr(`warning: ${warning}\n`);
    io.stdout(`exported ${WHAT[format as ExportFormat]}${quantize ? ` (${quantize} weights)` : ''} to ${result.path}\n`);
    for (const file of result.files) io.stdout(`  ${file}\n`);
    const checks = [['parity', result.parity], ...(result.quantized_parity ? [[`parity (${quantize})`, result.quantized_parity] as const] : [])] as const;
    for (const [label, parity] of checks) {
      io.stdout(`${label}: ${parity.examples} examples, max |diff| ${parity.max_abs_diff.toExponential(2)} (tolerance ${parity.tolerance.toExponential(2)}): ${parity.ok ? 'ok' : 'FAILED'}\n`);
    }
    if (format === 'tfjs') io.stdout(`open it: serve ${result.path} (e.g. python3 -m http.server) and browse to index.html\n`);
    return checks.every(([, parity]) => parity.ok) ? 0 : 1;
  },
};
