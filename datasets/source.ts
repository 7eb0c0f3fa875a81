// Where a data file's bytes come from. Parsers read a ByteSource as a stream of chunks, so
// that the same code reads a file on disk (read-node.ts), a buffer in a test, or a file
// the renderer dropped, and never needs the whole file as one string.

export interface ByteSource {
  /** Shown in problems: the path as the person gave it, or a file name. */
  name: string;
  /** Total bytes when known, for progress. */
  size?: number;
  chunks(): AsyncIterable<Uint8Array>;
}

/** A source over bytes already in memory (tests, small uploads), served in `chunkSize` pieces. */
export function memorySource(name: string, data: Uint8Array | string, chunkSize = 64 * 1024): ByteSource {
  const bytes = typeof data === 'string' ? new TextEncoder().encode(data) : data;
  return {
    name,
    size: bytes.length,
    async *chunks() {
      for (let start = 0; start < bytes.length; start += chunkSize) yield bytes.subarray(start, start + chunkSize);
    },
  };
}
