// Text chunks → numbered lines, for the line-oriented formats (CoNLL, JSON lines).
// Accepts \n and \r\n endings; a chunk boundary may fall anywhere, even inside \r\n.

export interface NumberedLine {
  text: string;
  /** 1-based. */
  line: number;
}

export async function* numberedLines(chunks: AsyncIterable<string>): AsyncGenerator<NumberedLine> {
  let pending = '';
  let line = 1;
  for await (const chunk of chunks) {
    pending += chunk;
    let start = 0;
    for (let end = pending.indexOf('\n'); end !== -1; end = pending.indexOf('\n', start)) {
      yield { text: stripCarriageReturn(pending.slice(start, end)), line: line++ };
      start = end + 1;
    }
    pending = pending.slice(start);
  }
  if (pending) yield { text: stripCarriageReturn(pending), line };
}

function stripCarriageReturn(text: string): string {
  return text.endsWith('\r') ? text.slice(0, -1) : text;
}
