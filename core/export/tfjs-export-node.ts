// Exporting a model for TensorFlow.js on disk: model.json + shards + tokenizer files, and
// a page that runs it in the browser without any network (index.html, app.js, the
// runtime — the core's own modules, bundled — and a copy of @tensorflow/tfjs's browser
// bundle). Then the parity check: the export loaded by tf.io and run by its own runtime
// against the app's outputs.
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { TokenizerFiles } from '../checkpoint/hf-folder';
import type { BertModel } from '../model/model';
import type { ExportOutcome } from './outcome';
import { appOutputs, compareOutputs, exportTokenizer, FALLBACK_PARITY_EXAMPLES, outputScale, parityEncodeOptions, parityTolerance, type ParityExample } from './parity';
import { TFJS_MODEL_FILE, tfjsExportFiles, tfjsReadme, type TfjsExportOptions } from './tfjs-export';
import { loadTfjsExport } from './tfjs-runtime-node';
import { webPageFiles } from './web-runtime-build.mjs';
import { writeExportFolder } from './write-export-node';

export const TFJS_BUNDLE_FILE = 'tf.min.js';

const require = createRequire(import.meta.url);

/** index.html, app.js, bert-runtime.js (the core, bundled) and tf.min.js. */
async function pageFiles(): Promise<Map<string, Uint8Array>> {
  const files = await webPageFiles();
  // The same TensorFlow.js version the app runs, so the page computes what the app computes.
  files.set(TFJS_BUNDLE_FILE, await readFile(require.resolve('@tensorflow/tfjs/dist/tf.min.js')));
  return files;
}

export interface TfjsFolderOptions extends TfjsExportOptions {
  parityExamples?: readonly ParityExample[];
  /** The folder is in the app's own area (see writeExportFolder). */
  ownedByApp?: boolean;
}

export async function exportTfjsFolder(outDir: string, model: BertModel, tokenizer: TokenizerFiles, options: TfjsFolderOptions = {}): Promise<ExportOutcome> {
  const files = await tfjsExportFiles(model, tokenizer, options);
  for (const [name, bytes] of await pageFiles()) files.set(name, bytes);
  files.set('README.md', new TextEncoder().encode(tfjsReadme(model, options.quantize)));
  const written = await writeExportFolder(outDir, files, { last: TFJS_MODEL_FILE, ...(options.ownedByApp ? { ownedByApp: true } : {}) });

  const examples = options.parityExamples?.length ? options.parityExamples : FALLBACK_PARITY_EXAMPLES[model.headName];
  const appTokenizer = exportTokenizer(model, tokenizer);
  const expected = await appOutputs(model, appTokenizer, examples);
  const exported = await loadTfjsExport(outDir);
  try {
    const warnings: string[] = [];
    const encodings = examples.map((example, i) => {
      const app = expected.encodings[i]!;
      const encoding = exported.tokenizer.encode(example.text, example.textPair, parityEncodeOptions(model, appTokenizer, example));
      if (encoding.inputIds.join() !== app.inputIds.join()) {
        warnings.push(`the page's tokenizer splits example ${i + 1} differently from the app's: ${encoding.tokens.join(' ')} vs ${app.tokens.join(' ')}`);
      }
      return encoding;
    });
    const rows = encodings.length === 0 ? [] : await exported.model.run(encodings);
    const names = model.head.outputNames;
    const parity = compareOutputs(expected.rows, rows, names, parityTolerance(options.quantize, outputScale(expected.rows, names)));
    return { path: outDir, files: written, parity, warnings };
  } finally {
    exported.model.dispose();
  }
}
