// What an export reports: where it went, what it wrote, and how the exported model
// compared with the app's.
import type { ParityResult } from './parity';

export interface ExportOutcome {
  /** The export folder. */
  path: string;
  /** Its files, relative to `path`. */
  files: string[];
  parity: ParityResult;
  /** What a person should know about the export (e.g. a tokenizer difference). */
  warnings: string[];
}
