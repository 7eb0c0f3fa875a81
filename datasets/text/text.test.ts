import { describe, expect, it } from 'vitest';
import { ProblemLog } from '../problems';
import { memorySource } from '../source';
import { decodeUtf8 } from './decode';
import { numberedLines } from './lines';
import { peekText, readAllText } from './peek';
import { Utf8Checker, type InvalidBytes } from './utf8-check';

function invalid(chunks: number[][]): InvalidBytes[] {
  const found: InvalidBytes[] = [];
  const checker = new Utf8Checker();
  for (const chunk of chunks) checker.check(Uint8Array.from(chunk), (at) => found.push(at));
  checker.end((at) => found.push(at));
  return found;
}

async function* strings(...parts: string[]): AsyncGenerator<string> {
  yield* parts;
}

describe('Utf8Checker', () => {
  it('accepts multi-byte characters split across chunks', () => {
    const bytes = [...new TextEncoder().encode('a€😀\nb')];
    expect(invalid([bytes.slice(0, 2), bytes.slice(2, 6), bytes.slice(6)])).toEqual([]);
  });

  it('reports line, column and offset of invalid bytes', () => {
    expect(invalid([[0x61, 0x0a, 0x62, 0xe9, 0x63]])).toEqual([{ line: 2, column: 2, offset: 3, byte: 0xe9 }]);
  });

  it('rejects overlongs, surrogates, code points above U+10FFFF and lone continuation bytes', () => {
    expect(invalid([[0xc0, 0x80]]).map((at) => at.byte)).toEqual([0xc0, 0x80]);
    expect(invalid([[0xed, 0xa0, 0x80]])[0]!.byte).toBe(0xed);
    expect(invalid([[0xf4, 0x90, 0x80, 0x80]])[0]!.byte).toBe(0xf4);
    expect(invalid([[0x80]])[0]!.byte).toBe(0x80);
  });

  it('reports a sequence cut off by the end of the file', () => {
    expect(invalid([[0x61, 0xe2, 0x82]])).toEqual([{ line: 1, column: 2, offset: 1, byte: 0xe2 }]);
  });
});

describe('decodeUtf8', () => {
  it('drops a byte order mark and decodes characters split across chunks', async () => {
    const log = new ProblemLog();
    const text = await readAllText(decodeUtf8(memorySource('f', '\uFEFFcafé ☕', 3), log));
    expect(text).toBe('café ☕');
    expect(log.list()).toEqual([]);
  });
});

describe('numberedLines', () => {
  it('numbers lines, strips \\r\\n even when a chunk splits it, keeps a last line without newline', async () => {
    const lines = [];
    for await (const line of numberedLines(strings('a\r', '\nb\n\nc\r\n', 'd'), { file: 'x.txt', log: new ProblemLog() })) lines.push(line);
    expect(lines).toEqual([
      { text: 'a', line: 1 },
      { text: 'b', line: 2 },
      { text: '', line: 3 },
      { text: 'c', line: 4 },
      { text: 'd', line: 5 },
    ]);
  });

  it('stops at a line longer than the limit, with or without its newline, and logs the line', async () => {
    for (const parts of [['ab\n', 'cdefgh', 'ij\nk\n'], ['ab\ncdefghij', 'kl']]) {
      const log = new ProblemLog();
      const lines = [];
      for await (const line of numberedLines(strings(...parts), { file: 'x.txt', log, maxLineChars: 5 })) lines.push(line.text);
      expect(lines).toEqual(['ab']);
      expect(log.list()).toEqual([expect.objectContaining({ file: 'x.txt', code: 'record-too-long', line: 2 })]);
    }
  });
});

describe('peekText', () => {
  it('returns the head and replays it', async () => {
    const { head, chunks } = await peekText(strings('ab', 'cd', 'ef'), 3);
    expect(head).toBe('abcd');
    expect(await readAllText(chunks)).toBe('abcdef');
  });
});
