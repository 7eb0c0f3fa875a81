// The streaming JSON reader reads what JSON.parse reads, wherever the chunks break (inside
// an escape, a surrogate pair, a multi-byte UTF-8 character, a number, a literal), and
// says where a text breaks the grammar: line, column and the path in the document.
import { describe, expect, it } from 'vitest';
import { ProblemLog } from '../problems';
import type { ByteSource } from '../source';
import { decodeUtf8 } from '../text/decode';
import { formatJsonPath, streamJson, type JsonPath, type JsonStreamEvent, type JsonStreamOptions } from './json-stream';

const WHOLE: JsonStreamOptions = { isItem: () => false, maxChars: Infinity };

async function* strings(parts: readonly string[]): AsyncGenerator<string> {
  yield* parts;
}

/** An event without its lineOf function, so that it compares as data. */
type EventData = JsonStreamEvent extends infer E ? (E extends unknown ? Omit<E, 'lineOf'> : never) : never;

async function events(parts: readonly string[] | AsyncIterable<string>, options: JsonStreamOptions = WHOLE): Promise<EventData[]> {
  const all: EventData[] = [];
  for await (const event of streamJson(Array.isArray(parts) ? strings(parts) : (parts as AsyncIterable<string>), options)) {
    if ('lineOf' in event) {
      const { lineOf: _lineOf, ...data } = event;
      all.push(data);
    } else all.push(event);
  }
  return all;
}

function endOf(all: EventData[]): Extract<EventData, { kind: 'end' }> {
  const end = all.at(-1)!;
  if (end.kind !== 'end') throw new Error('the last event is not the end');
  return end;
}

/** Bytes served in the pieces given by the cut points. */
function bytesCutAt(bytes: Uint8Array, cuts: number[]): ByteSource {
  return {
    name: 'doc.json',
    async *chunks() {
      let from = 0;
      for (const cut of [...cuts, bytes.length]) {
        yield bytes.subarray(from, cut);
        from = cut;
      }
    },
  };
}

function cutEvery(text: string, size: number): string[] {
  const parts: string[] = [];
  for (let i = 0; i < text.length; i += size) parts.push(text.slice(i, i + size));
  return parts;
}

// Escapes of every kind, an escaped surrogate pair, raw multi-byte characters (2, 3 and 4
// bytes of UTF-8), numbers in every form, literals, nesting, empty containers, new lines,
// keys repeated (with and without escapes, and twice in one object: the last one wins).
const DOCUMENT = `{
  "text": "caf\\u00e9 \\"quoted\\" back\\\\slash \\/ \\b\\f\\n\\r\\t tab",
  "emoji": "\\uD83D\\uDE00 and raw 😀, é, 中文",
  "numbers": [0, -0, 12, -12, 1.5, -0.25e-3, 1E+2, 6.02e23, 9007199254740993],
  "flags": [true, false, null],
  "nested": {"a": [[], {}, [{"b": [1, [2, [3]]]}]], "": "empty key", "ключ": "значение"},
  "repeated keys": [{"key": 1}, {"k\\u0065y": 2}, {"key": 3, "key": 4}]
}
`;

describe('streamJson reads what JSON.parse reads', () => {
  const expected: unknown = JSON.parse(DOCUMENT);
  const bytes = new TextEncoder().encode(DOCUMENT);

  it('with the bytes cut at every offset (multi-byte characters split across chunks)', async () => {
    for (let cut = 0; cut <= bytes.length; cut++) {
      const log = new ProblemLog();
      const end = endOf(await events(decodeUtf8(bytesCutAt(bytes, [cut]), log)));
      expect(end, `cut at byte ${cut}`).toEqual({ kind: 'end', document: expected, complete: true });
      expect(log.list()).toEqual([]);
    }
  });

  it('with the text cut at every offset (escapes and surrogate pairs split across chunks)', async () => {
    for (let cut = 0; cut <= DOCUMENT.length; cut++) {
      const end = endOf(await events([DOCUMENT.slice(0, cut), DOCUMENT.slice(cut)]));
      expect(end.document, `cut at ${cut}`).toEqual(expected);
    }
  });

  it('one character at a time, and one byte at a time', async () => {
    expect(endOf(await events(cutEvery(DOCUMENT, 1))).document).toEqual(expected);
    const everyByte = Array.from({ length: bytes.length - 1 }, (_, i) => i + 1);
    expect(endOf(await events(decodeUtf8(bytesCutAt(bytes, everyByte), new ProblemLog()))).document).toEqual(expected);
  });

  it('keeps "__proto__" as an own property, as JSON.parse does, and the prototype unchanged', async () => {
    const text = '{"__proto__": {"polluted": true}, "a": 1}';
    const document = endOf(await events([text])).document as Record<string, unknown>;
    expect(Object.getPrototypeOf(document)).toBe(Object.prototype);
    expect(Object.keys(document)).toEqual(['__proto__', 'a']);
    expect(document).toEqual(JSON.parse(text));
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('agrees with JSON.parse on random documents and on every one of them broken by one character', async () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)]!;
    const value = (depth: number): unknown => {
      const kind = depth > 3 ? pick(['s', 'n', 'l']) : pick(['s', 'n', 'l', 'a', 'o']);
      if (kind === 's') return pick(['', 'plain', 'é\u00e9', '😀', 'a"b', 'back\\slash', 'line\nbreak', '\u0001', '\ud800']);
      if (kind === 'n') return pick([0, -1, 3.25, 1e21, -2.5e-7, 123456789]);
      if (kind === 'l') return pick([true, false, null]);
      if (kind === 'a') return Array.from({ length: Math.floor(random() * 4) }, () => value(depth + 1));
      return Object.fromEntries(Array.from({ length: Math.floor(random() * 4) }, (_, i) => [pick(['k', 'é', '', `key${i}`]), value(depth + 1)]));
    };
    const noise = ['', ' ', '\n', ',', ':', '"', '\\', '{', '}', '[', ']', '0', '-', '.', 'e', 't', 'x', 'u'];
    for (let round = 0; round < 300; round++) {
      const text = JSON.stringify(value(0), null, round % 2 ? 1 : undefined);
      const size = 1 + Math.floor(random() * 5);
      expect(endOf(await events(cutEvery(text, size))).document).toEqual(JSON.parse(text));
      // The same text with one character replaced, removed or added: malformed exactly when JSON.parse says so.
      const at = Math.floor(random() * text.length);
      const broken = text.slice(0, at) + pick(noise) + text.slice(at + pick([0, 1]));
      let parsed: { value: unknown } | undefined;
      try {
        parsed = { value: JSON.parse(broken) };
      } catch {
        parsed = undefined;
      }
      const all = await events(cutEvery(broken, size));
      if (parsed) expect(endOf(all), broken).toEqual({ kind: 'end', document: parsed.value, complete: true });
      else expect(all.find((e) => e.kind === 'malformed'), broken).toBeDefined();
    }
  });
});

describe('streamJson reports where a text breaks the grammar', () => {
  it.each([
    ['{"a": 1,}', 1, 9, 'expected a string in double quotes, found "}"', 'a'],
    ['[1 2]', 1, 4, 'expected "," or "]" after an array element, found "2"', '[1]'],
    ['{"a" 1}', 1, 6, 'expected ":" after the property name, found "1"', 'a'],
    ['"abc', 1, 5, 'expected the closing quote of the string, found the end of the text', ''],
    ['{"a": tru}', 1, 7, 'expected a value, found "t"', 'a'],
    ['{} x', 1, 4, 'expected the end of the text after the JSON value, found "x"', ''],
    ['', 1, 1, 'expected a value, found the end of the text', ''],
    ['["a\\x"]', 1, 5, 'expected an escape such as \\n or \\" after the backslash, found "x"', '[0]'],
    ['["\\u12G4"]', 1, 4, 'expected an escape such as \\n or \\" after the backslash, found "u"', '[0]'],
    ['["a\tb"]', 1, 4, 'expected the closing quote of the string (control characters must be escaped), found "\t"', '[0]'],
    ['[1.]', 1, 3, 'expected "," or "]" after an array element, found "."', '[0]'],
    ['[1e+]', 1, 3, 'expected "," or "]" after an array element, found "e"', '[0]'],
    ['[-]', 1, 2, 'expected a value, found "-"', '[0]'],
    ['[01]', 1, 3, 'expected "," or "]" after an array element, found "1"', '[1]'],
    ['{"data": [{"paragraphs": [{"qas": [,]}]}]}', 1, 36, 'expected a value, found ","', 'data[0].paragraphs[0].qas[0]'],
    ['{\n  "a": [1,\n    2,,\n  ]\n}', 3, 7, 'expected a value, found ","', 'a[2]'],
    ['{\n  "a": {\n    "b": 1\n  }\n', 5, 1, 'expected "," or "}" after a property value, found the end of the text', 'a'],
    ['{"answers": [{"answer_start": 12x}]}', 1, 33, 'expected "," or "}" after a property value, found "x"', 'answers[0].answer_start'],
  ])('%j', async (text, line, column, message, path) => {
    expect(() => JSON.parse(text)).toThrow();
    for (const size of [1, 2, 1000]) {
      const all = await events(cutEvery(text, size));
      const malformed = all.find((e) => e.kind === 'malformed');
      expect(malformed, `chunks of ${size}`).toMatchObject({ line, column, message });
      expect(formatJsonPath((malformed as { path: JsonPath }).path)).toBe(path);
      expect(endOf(all).complete).toBe(false);
    }
  });
});

describe('streamJson hands over items one at a time', () => {
  const paragraphs = (path: JsonPath) => path.length === 4 && path[0] === 'data' && path[2] === 'paragraphs';
  const text = '{"version": "1",\n "data": [\n  {"title": "A", "paragraphs": [\n   {"context": "x",\n    "qas": [{"id": "q1"}]},\n   {"context": "y", "qas": []}]},\n  {"paragraphs": [{"context": "z"}], "title": "B"}]}';

  it('as each completes, on its line, and leaves them out of the document', async () => {
    const all: JsonStreamEvent[] = [];
    const idLines: (number | undefined)[] = [];
    for await (const event of streamJson(strings(cutEvery(text, 3)), { isItem: paragraphs, maxChars: Infinity })) {
      all.push(event);
      if (event.kind === 'item') for (const qa of (event.value as { qas?: object[] }).qas ?? []) idLines.push(event.lineOf(qa, 'id'), event.lineOf(qa));
    }
    const items = all.filter((e) => e.kind === 'item').map(({ lineOf: _lineOf, ...item }) => item);
    expect(items).toEqual([
      { kind: 'item', path: ['data', 0, 'paragraphs', 0], value: { context: 'x', qas: [{ id: 'q1' }] }, line: 4 },
      { kind: 'item', path: ['data', 0, 'paragraphs', 1], value: { context: 'y', qas: [] }, line: 6 },
      { kind: 'item', path: ['data', 1, 'paragraphs', 0], value: { context: 'z' }, line: 7 },
    ]);
    expect(idLines).toEqual([5, 5]);
    const end = all.at(-1) as Extract<JsonStreamEvent, { kind: 'end' }>;
    const document = end.document as { data: object[] };
    expect(document).toEqual({ version: '1', data: [{ title: 'A', paragraphs: [] }, { paragraphs: [], title: 'B' }] });
    expect(end.lineOf(document.data[1]!)).toBe(7);
    expect(end.lineOf(document, 'data')).toBe(2);
  });

  it('takes scalars, objects and arrays alike as items', async () => {
    const all = await events(['[\n"a", {"b": 1},\n [2], null]'], { isItem: (path) => path.length === 1, maxChars: Infinity });
    expect(all).toEqual([
      { kind: 'item', path: [0], value: 'a', line: 2 },
      { kind: 'item', path: [1], value: { b: 1 }, line: 2 },
      { kind: 'item', path: [2], value: [2], line: 3 },
      { kind: 'item', path: [3], value: null, line: 3 },
      { kind: 'end', document: [], complete: true },
    ]);
  });

  it('skips an item longer than maxChars without holding it, says where it passed the limit, and reads on', async () => {
    const long = `{"data": [{"paragraphs": [{"context": "short"}, {"context": "${'a'.repeat(500)}", "qas": [1]}, {"context": "after"}]}]}`;
    for (const size of [7, 64, 10_000]) {
      const all = await events(cutEvery(long, size), { isItem: paragraphs, maxChars: 200 });
      expect(all.filter((e) => e.kind !== 'end'), `chunks of ${size}`).toEqual([
        { kind: 'item', path: ['data', 0, 'paragraphs', 0], value: { context: 'short' }, line: 1 },
        { kind: 'too-long', item: ['data', 0, 'paragraphs', 1], at: ['data', 0, 'paragraphs', 1, 'context'], line: 1 },
        { kind: 'item', path: ['data', 0, 'paragraphs', 2], value: { context: 'after' }, line: 1 },
      ]);
      expect(endOf(all).complete).toBe(true);
    }
  });

  it('stops when the rest of the document passes maxChars, items not counted', async () => {
    const items = Array.from({ length: 20 }, (_, i) => `{"context": "${'p'.repeat(90)}${i}"}`).join(', ');
    const within = `{"title": "${'t'.repeat(50)}", "data": [{"paragraphs": [${items}]}]}`;
    const fine = await events(cutEvery(within, 16), { isItem: paragraphs, maxChars: 200 });
    expect(fine.filter((e) => e.kind === 'item')).toHaveLength(20);
    expect(endOf(fine).complete).toBe(true);

    const beyond = `{"title": "${'t'.repeat(500)}", "data": []}`;
    const stopped = await events(cutEvery(beyond, 16), { isItem: paragraphs, maxChars: 200 });
    expect(stopped[0]).toEqual({ kind: 'too-long', at: ['title'], line: 1 });
    expect(endOf(stopped)).toEqual({ kind: 'end', complete: false, document: {} });
  });
});

describe('formatJsonPath', () => {
  it('writes paths as JavaScript would', () => {
    expect(formatJsonPath(['data', 3, 'paragraphs', 0, 'qas', 2, 'answers', 0, 'answer_start'])).toBe('data[3].paragraphs[0].qas[2].answers[0].answer_start');
    expect(formatJsonPath([0, 'a b', 'c'])).toBe('[0]["a b"].c');
    expect(formatJsonPath([])).toBe('');
  });
});
