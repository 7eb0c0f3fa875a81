// What an export reports: where it went, what it wrote, and how the exported model
// compared with the app's.
import type { ParityResult } from './parity';

export interface ExportOutcome {
  /** The export folder. */
  path: string;
  /** Its files, relative to `path`. */
  files: string[];
  parity: ParityResult;
  /** The check of the quantized model, when the export writes one beside the float32 model (ONNX int8). */
  quantizedParity?: ParityResult;
  /** What a person should know about the export (e.g. a tokenizer difference). */
  warnings: string[];
}
