// Looks at the start of a text stream (to guess its format) without losing it: the
// returned stream replays the head and then continues where the peek stopped.

export interface Peeked {
  head: string;
  chunks: AsyncIterable<string>;
}

export async function peekText(chunks: AsyncIterable<string>, minChars: number): Promise<Peeked> {
  const iterator = chunks[Symbol.asyncIterator]();
  const buffered: string[] = [];
  let length = 0;
  let done = false;
  while (length < minChars) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    buffered.push(next.value);
    length += next.value.length;
  }
  async function* replay(): AsyncGenerator<string> {
    yield* buffered;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { head: buffered.join(''), chunks: replay() };
}

/** Reads a whole (small) text stream into one string; no reader does this to a file (every format streams). */
export async function readAllText(chunks: AsyncIterable<string>): Promise<string> {
  const parts: string[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return parts.join('');
}
