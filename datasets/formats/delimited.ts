// CSV and TSV rows from a text stream, through papaparse's parser. We drive the parser
// chunk by chunk ourselves (as papaparse's own streamers do: parse the complete rows, carry
// the unfinished last row into the next chunk) so that it works on any async stream, not
// only Node streams, and so that every row knows the line it starts on.
import Papa from 'papaparse';
import type { ProblemLog } from '../problems';
import { DEFAULT_MAX_RECORD_CHARS, RECORD_LIMIT } from './record-limit';

export interface DelimitedOptions {
  delimiter: ',' | '\t';
  /**
   * Whether `"` quotes fields. Off for GLUE-style TSV: those files contain stray quotes
   * (MRPC: `"the witness"`) that are text, not quoting.
   */
  quoting: boolean;
  /** A record longer than this ends the reading (reported as `record-too-long`) instead of buffering the rest of the file. */
  maxRecordChars?: number;
}

export interface DelimitedRow {
  fields: string[];
  /** 1-based line on which the record starts (records with quoted newlines span lines). */
  line: number;
  /** A quoting error papaparse found in this record, or the record limit it hit (then reading stops). */
  error?: DelimitedError;
}

interface StepResult {
  data: string[][];
  errors: { code: string }[];
  meta: { cursor: number };
}

export type DelimitedError = 'unclosed-quote' | 'malformed-quote' | 'record-too-long';

export async function* delimitedRows(chunks: AsyncIterable<string>, options: DelimitedOptions): AsyncGenerator<DelimitedRow> {
  const maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
  const lines = new LineTracker();
  let parser: Papa.Parser | null = null;
  let pending = '';
  let baseIndex = 0;
  let rows: DelimitedRow[] = [];

  const onStep = (result: StepResult) => {
    const fields = result.data[0];
    if (!fields) return;
    const line = lines.advanceTo(result.meta.cursor);
    const quoteError = result.errors.find((e) => e.code === 'MissingQuotes' || e.code === 'InvalidQuotes');
    const row: DelimitedRow = { fields, line };
    if (quoteError) row.error = quoteError.code === 'MissingQuotes' ? 'unclosed-quote' : 'malformed-quote';
    rows.push(row);
  };

  const parse = (finished: boolean) => {
    parser ??= new Papa.Parser({
      delimiter: options.delimiter,
      newline: '\n', // text/normalize.ts made every line end LF
      // fastMode splits on delimiters and newlines only: exactly "quoting off".
      fastMode: !options.quoting,
      step: onStep,
    });
    lines.feed(pending, baseIndex);
    const result = parser.parse(pending, baseIndex, !finished) as StepResult;
    pending = pending.slice(result.meta.cursor - baseIndex);
    baseIndex = result.meta.cursor;
  };

  for await (const chunk of chunks) {
    pending += chunk;
    parse(false);
    yield* rows;
    rows = [];
    if (pending.length > maxRecordChars) {
      // An unclosed quote, or one giant field: either way stop before it swallows the file.
      yield { fields: [], line: lines.advanceTo(baseIndex), error: 'record-too-long' };
      return;
    }
  }
  if (pending) parse(true);
  yield* rows;
}

/**
 * Turns the parser's character cursor into line numbers. Rows arrive in order, so it
 * counts newlines forward once, holding only the text not yet counted.
 */
class LineTracker {
  private text = '';
  private textStart = 0;
  private countedTo = 0;
  private line = 1;

  /** The text the parser is about to see, starting at absolute offset `start`. */
  feed(text: string, start: number): void {
    this.text = text;
    this.textStart = start;
  }

  /** A row ended at `end`; returns the line it started on and moves past it. */
  advanceTo(end: number): number {
    const startLine = this.line;
    let from = this.countedTo - this.textStart;
    const to = end - this.textStart;
    for (let nl = this.text.indexOf('\n', from); nl !== -1 && nl < to; nl = this.text.indexOf('\n', from)) {
      this.line++;
      from = nl + 1;
    }
    this.countedTo = end;
    return startLine;
  }
}

/** The problem a record's reading error is, logged on its line. */
export function reportRowError(row: DelimitedRow, file: string, log: ProblemLog): void {
  const where = { line: row.line };
  switch (row.error) {
    case 'unclosed-quote':
      return log.error(file, 'unclosed-quote', 'a quoted field in the record starting on this line is never closed (unbalanced ")', where);
    case 'malformed-quote':
      return log.error(file, 'malformed-quote', 'a quote inside a quoted field is not doubled (write "" for a literal quote)', where);
    case 'record-too-long': {
      const message = `the record starting on this line is longer than ${RECORD_LIMIT}, the limit for one record; reading stopped here. A quoted field that is never closed (unbalanced ") does this, or a field really is that long (split it)`;
      return log.error(file, 'record-too-long', message, where);
    }
  }
}
