// Decoded text → the text every reader parses: universal newlines and no NUL characters.
//
// Line endings: files saved by old Mac tools end lines with a lone CR, and files edited on
// several systems mix CR, LF and CRLF. Read as LF-only text, a CR-only file is one line
// (every problem "on line 1") and a stray CR splits a CSV field ("3 columns"). Python's
// text mode and Excel treat all three as line ends, and so do we: every reader then
// counts lines the same way, and the CSV parser needs only one newline sequence. A CRLF
// inside a quoted field becomes LF, which no tokenizer tells apart.
//
// NUL (U+0000) is never text: it comes from binary files, UTF-16 read as UTF-8 or broken
// exports, and it reaches the tokenizer as an invisible character. It is removed, with a
// warning that says how many there were and on which line the first one is.
import type { ProblemLog } from '../problems';

export async function* normalizeText(chunks: AsyncIterable<string>, file: string, log: ProblemLog): AsyncGenerator<string> {
  let heldCarriageReturn = false; // a chunk ending in CR: the next one may start with LF
  let linesBefore = 0; // newlines seen so far, counted until the first NUL is placed
  let nulCount = 0;
  let firstNulLine = 0;
  for await (const chunk of chunks) {
    let text: string = heldCarriageReturn ? `\r${chunk}` : chunk;
    heldCarriageReturn = text.endsWith('\r');
    if (heldCarriageReturn) text = text.slice(0, -1);
    if (text.includes('\r')) text = text.replace(/\r\n?/g, '\n');
    if (text.includes('\0')) {
      if (nulCount === 0) firstNulLine = linesBefore + countNewlines(text, text.indexOf('\0')) + 1;
      const before = text.length;
      text = text.replace(/\0/g, '');
      nulCount += before - text.length;
    }
    if (nulCount === 0) linesBefore += countNewlines(text, text.length);
    if (text) yield text;
  }
  if (heldCarriageReturn) yield '\n';
  if (nulCount > 0) {
    const what = nulCount === 1 ? 'a NUL character (U+0000)' : `${nulCount.toLocaleString('en-US')} NUL characters (U+0000)`;
    log.warning(file, 'nul-characters', `the file has ${what}, first on this line; removed from the text (a binary or UTF-16 file saved as text?)`, { line: firstNulLine });
  }
}

function countNewlines(text: string, end: number): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < end; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
