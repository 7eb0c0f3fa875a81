// Text chunks → numbered lines, for the line-oriented formats (CoNLL, JSON lines, text
// corpora). Accepts \n and \r\n endings; a chunk boundary may fall anywhere, even inside
// \r\n. A line longer than one record may be (8 MiB) is not buffered: the reading stops
// there and says so, as the CSV reader does, instead of holding the rest of a file that has
// no line breaks in memory.
import type { ProblemLog } from '../problems';
import { DEFAULT_MAX_RECORD_CHARS, RECORD_LIMIT } from '../formats/record-limit';

export interface NumberedLine {
  text: string;
  /** 1-based. */
  line: number;
}

export interface LineReading {
  /** The file's name, for the problem a too-long line is. */
  file: string;
  log: ProblemLog;
  /** Default DEFAULT_MAX_RECORD_CHARS. */
  maxLineChars?: number;
}

export async function* numberedLines(chunks: AsyncIterable<string>, reading: LineReading): AsyncGenerator<NumberedLine> {
  const maxLineChars = reading.maxLineChars ?? DEFAULT_MAX_RECORD_CHARS;
  let pending = '';
  let line = 1;
  for await (const chunk of chunks) {
    pending += chunk;
    let start = 0;
    for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n', start)) {
      if (end - start > maxLineChars) return lineTooLong(reading, line);
      yield { text: stripCarriageReturn(pending.slice(start, end)), line: line++ };
      start = end + 1;
    }
    pending = pending.slice(start);
    if (pending.length > maxLineChars) return lineTooLong(reading, line);
  }
  if (pending) yield { text: stripCarriageReturn(pending), line };
}

function lineTooLong({ file, log }: LineReading, line: number): void {
  log.error(file, 'record-too-long', `the line is longer than ${RECORD_LIMIT}, the limit for one record; reading stopped here. Is this a file of lines (one example a line)?`, { line });
}

function stripCarriageReturn(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
