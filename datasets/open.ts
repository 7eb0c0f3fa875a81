// Opening a data file for a task: decode it (universal newlines, no NULs), look at its
// start, reject what is empty or not text, and settle the format (stated > sniffed from
// the content > extension).
// Every task reader starts here, so these checks read the same for all of them.
import type { ProblemLog } from './problems';
import type { ByteSource } from './source';
import { TASK_NAMES, type Task } from './types';
import { decodeUtf8 } from './text/decode';
import { normalizeText } from './text/normalize';
import { peekText } from './text/peek';
import { describeFormat, formatFromExtension, formatName, sniffFormat, type FileFormat } from './formats/sniff';

export interface OpenedFile<F extends FileFormat> {
  format: F;
  chunks: AsyncIterable<string>;
}

const SNIFF_CHARS = 64 * 1024;

export async function openDataFile<F extends FileFormat>(
  source: ByteSource,
  task: Task,
  allowed: readonly F[],
  statedFormat: F | undefined,
  log: ProblemLog,
): Promise<OpenedFile<F> | undefined> {
  const { head, chunks } = await peekText(normalizeText(decodeUtf8(source, log), source.name, log), SNIFF_CHARS);
  if (log.hasErrorsIn(source.name) && head === '') return undefined; // not text at all; already said why
  if (head.trim() === '') {
    log.error(source.name, 'empty-file', 'the file is empty');
    return undefined;
  }
  if (statedFormat) return { format: statedFormat, chunks };

  const sniffed = sniffFormat(head, source.name).format;
  if (!isAllowed(sniffed, allowed)) {
    const expected = allowed.map(formatName).join(' or ');
    log.error(source.name, 'wrong-format', `the file looks like ${describeFormat(sniffed)}, which is not a format for ${TASK_NAMES[task]} (expected ${expected})`, { line: 1 });
    return undefined;
  }
  const named = formatFromExtension(source.name);
  if (named && named !== sniffed && isAllowed(named, allowed)) {
    log.warning(source.name, 'format-guess', `the file is named .${named} but looks like ${describeFormat(sniffed)}; reading it as ${formatName(sniffed)}`);
  }
  return { format: sniffed, chunks };
}

function isAllowed<F extends FileFormat>(format: FileFormat, allowed: readonly F[]): format is F {
  return (allowed as readonly FileFormat[]).includes(format);
}
