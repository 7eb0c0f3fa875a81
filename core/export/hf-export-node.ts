// Exporting a model as a Hugging Face folder on disk, then loading that folder back with
// the core's loader and checking that it gives the model's own outputs.
import { loadHfModel } from '../checkpoint/hf-folder-node';
import { CONFIG_FILE, type TokenizerFiles } from '../checkpoint/hf-folder';
import type { BertModel } from '../model/model';
import { hfExportFiles } from './hf-export';
import { appOutputs, compareOutputs, exportTokenizer, FALLBACK_PARITY_EXAMPLES, parityTolerance, type ParityExample } from './parity';
import type { ExportOutcome } from './outcome';
import { writeExportFolder } from './write-export-node';

export interface HfExportOptions {
  /** README.md text (see model-card.ts). */
  card?: string;
  /** Texts for the parity check; default a few per task. */
  parityExamples?: readonly ParityExample[];
  /** The folder is in the app's own area (see writeExportFolder). */
  ownedByApp?: boolean;
}

export async function exportHfFolder(outDir: string, model: BertModel, tokenizer: TokenizerFiles, options: HfExportOptions = {}): Promise<ExportOutcome> {
  const files = await writeExportFolder(outDir, await hfExportFiles(model, tokenizer, options.card), { last: CONFIG_FILE, ...(options.ownedByApp ? { ownedByApp: true } : {}) });
  const examples = options.parityExamples?.length ? options.parityExamples : FALLBACK_PARITY_EXAMPLES[model.headName];
  const expected = await appOutputs(model, exportTokenizer(model, tokenizer), examples);
  const reloaded = await loadHfModel(outDir, { head: model.headName });
  try {
    if (!reloaded.tokenizer) throw new Error(`the export in ${outDir} has no vocab.txt`);
    const actual = await appOutputs(reloaded.model, exportTokenizer(reloaded.model, reloaded.tokenizer), examples);
    const parity = compareOutputs(expected.rows, actual.rows, model.head.outputNames, parityTolerance(undefined));
    const warnings = reloaded.report.warnings.map((w) => `reloading the export: ${w}`);
    return { path: outDir, files, parity, warnings };
  } finally {
    reloaded.model.dispose();
  }
}
