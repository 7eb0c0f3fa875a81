// Finds bytes that are not UTF-8 and says where they are (line, byte within the line,
// file offset). TextDecoder can only throw or substitute U+FFFD silently; neither tells
// a person which line of a 200 MB file to fix. Follows the WHATWG UTF-8 decoder's rules
// (overlongs, surrogates and code points above U+10FFFF are invalid).

export interface InvalidBytes {
  line: number;
  /** 1-based byte position within the line. */
  column: number;
  /** 0-based byte offset in the file. */
  offset: number;
  byte: number;
}

export class Utf8Checker {
  private line = 1;
  private lineStart = 0;
  private offset = 0;
  private previousByte = -1;
  private needed = 0;
  private lower = 0x80;
  private upper = 0xbf;
  private sequenceStart: InvalidBytes | null = null;

  /** Checks the next chunk; sequences may span chunks. */
  check(chunk: Uint8Array, onInvalid: (at: InvalidBytes) => void): void {
    for (let i = 0; i < chunk.length; i++, this.offset++) {
      const byte = chunk[i]!;
      if (this.needed === 0) {
        if (byte < 0x80) {
          // LF, CR and CRLF end a line, as text/normalize.ts reads them.
          if (byte === 0x0d || (byte === 0x0a && this.previousByte !== 0x0d)) this.line++;
          if (byte === 0x0d || byte === 0x0a) this.lineStart = this.offset + 1;
          this.previousByte = byte;
          continue;
        }
        this.previousByte = byte;
        this.startSequence(byte, onInvalid);
        continue;
      }
      if (byte < this.lower || byte > this.upper) {
        // The sequence broke off: report where it began, then read this byte afresh.
        onInvalid(this.sequenceStart!);
        this.needed = 0;
        i--;
        this.offset--;
        continue;
      }
      this.lower = 0x80;
      this.upper = 0xbf;
      this.previousByte = byte;
      this.needed--;
    }
  }

  /** Call once after the last chunk: a sequence cut off by the end of the file is invalid too. */
  end(onInvalid: (at: InvalidBytes) => void): void {
    if (this.needed > 0) onInvalid(this.sequenceStart!);
    this.needed = 0;
  }

  private startSequence(byte: number, onInvalid: (at: InvalidBytes) => void): void {
    const here: InvalidBytes = { line: this.line, column: this.offset - this.lineStart + 1, offset: this.offset, byte };
    if (byte >= 0xc2 && byte <= 0xdf) this.needed = 1;
    else if (byte >= 0xe0 && byte <= 0xef) {
      if (byte === 0xe0) this.lower = 0xa0;
      if (byte === 0xed) this.upper = 0x9f;
      this.needed = 2;
    } else if (byte >= 0xf0 && byte <= 0xf4) {
      if (byte === 0xf0) this.lower = 0x90;
      if (byte === 0xf4) this.upper = 0x8f;
      this.needed = 3;
    } else {
      onInvalid(here);
      return;
    }
    this.sequenceStart = here;
  }
}
