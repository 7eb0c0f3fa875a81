// Exporting a model for ONNX Runtime and transformers.js on disk, then the parity check:
// ONNX Runtime runs the written onnx/model.onnx (and onnx/model_quantized.onnx) on the
// same encodings as the app, and every output of the head is compared with the app's.
import { join } from 'node:path';
import { CONFIG_FILE, type TokenizerFiles } from '../checkpoint/hf-folder';
import type { BertModel } from '../model/model';
import { ONNX_MODEL_FILE, ONNX_QUANTIZED_MODEL_FILE, onnxExportFiles, onnxReadme, type OnnxExportOptions } from './onnx-export';
import { ONNX_HEADS } from './onnx-heads';
import { openOnnxSession, runOnnx } from './onnx-runtime-node';
import type { ExportOutcome } from './outcome';
import { appOutputs, compareOutputs, exportTokenizer, FALLBACK_PARITY_EXAMPLES, outputScale, parityTolerance, type ParityExample, type ParityResult } from './parity';
import type { RowOutputs } from '../model/heads/task-head';
import { writeExportFolder } from './write-export-node';

export interface OnnxFolderOptions extends OnnxExportOptions {
  parityExamples?: readonly ParityExample[];
  /** The folder is in the app's own area (see writeExportFolder). */
  ownedByApp?: boolean;
}

export async function exportOnnxFolder(outDir: string, model: BertModel, tokenizer: TokenizerFiles, options: OnnxFolderOptions = {}): Promise<ExportOutcome> {
  const files = await onnxExportFiles(model, tokenizer, { ...options, readme: options.readme ?? onnxReadme(model, options.quantize) });
  // A quantized model an earlier export wrote would no longer match the weights: writeExportFolder removes the files of its marker that this export does not write.
  const written = await writeExportFolder(outDir, files, { last: CONFIG_FILE, ...(options.ownedByApp ? { ownedByApp: true } : {}) });

  const examples = options.parityExamples?.length ? options.parityExamples : FALLBACK_PARITY_EXAMPLES[model.headName];
  const expected = await appOutputs(model, exportTokenizer(model, tokenizer), examples);
  const check = async (file: string, tolerance: (rows: RowOutputs[], names: string[]) => number): Promise<ParityResult> => {
    const session = await openOnnxSession(join(outDir, file));
    try {
      const rows = await runOnnx(session, model.headName, model.config, expected.encodings);
      const names = ONNX_HEADS[model.headName].outputs(model.config).map((o) => o.core);
      return compareOutputs(expected.rows, rows, names, tolerance(expected.rows, names));
    } finally {
      await session.release();
    }
  };
  const parity = await check(ONNX_MODEL_FILE, () => parityTolerance(undefined));
  const outcome: ExportOutcome = { path: outDir, files: written, parity, warnings: [] };
  if (options.quantize) outcome.quantizedParity = await check(ONNX_QUANTIZED_MODEL_FILE, (rows, names) => parityTolerance('int8', outputScale(rows, names)));
  return outcome;
}
