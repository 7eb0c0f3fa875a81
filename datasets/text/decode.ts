// Bytes → text chunks, for every format. Recognises the files that are not UTF-8 text
// at all (UTF-16, compressed archives) and reports them by name instead of as a flood of
// garbage; drops a UTF-8 byte order mark (Excel writes one); reports invalid bytes with
// their position and decodes them as U+FFFD so parsing can go on and find more problems.
import type { ProblemLog } from '../problems';
import type { ByteSource } from '../source';
import { Utf8Checker, type InvalidBytes } from './utf8-check';

const NOT_TEXT: { magic: number[]; message: string }[] = [
  { magic: [0xff, 0xfe], message: 'the file is UTF-16 (little-endian); save it as UTF-8' },
  { magic: [0xfe, 0xff], message: 'the file is UTF-16 (big-endian); save it as UTF-8' },
  { magic: [0x1f, 0x8b], message: 'the file is gzip-compressed; decompress it first' },
  { magic: [0x50, 0x4b, 0x03, 0x04], message: 'the file is a ZIP archive (or an .xlsx workbook); extract it or export it as CSV' },
];

export async function* decodeUtf8(source: ByteSource, log: ProblemLog): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: false });
  const checker = new Utf8Checker();
  const report = (at: InvalidBytes) => log.error(source.name, 'not-utf8', invalidBytesMessage(at), { line: at.line });
  let first = true;
  for await (const chunk of source.chunks()) {
    if (chunk.length === 0) continue;
    if (first) {
      first = false;
      const notText = NOT_TEXT.find(({ magic }) => magic.every((byte, i) => chunk[i] === byte));
      if (notText) {
        log.error(source.name, 'not-text', notText.message, { line: 1 });
        return;
      }
    }
    checker.check(chunk, report);
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  checker.end(report);
  const rest = decoder.decode();
  if (rest) yield rest;
}

function invalidBytesMessage(at: InvalidBytes): string {
  const hex = `0x${at.byte.toString(16).toUpperCase().padStart(2, '0')}`;
  // A lone byte in 0x80–0xFF after plain ASCII is the signature of Latin-1 / Windows-1252.
  return `bytes that are not UTF-8 at byte ${at.column} of the line (file offset ${at.offset}): ${hex}; save the file as UTF-8 (it may be Latin-1 or Windows-1252)`;
}
