// A large JSON document read in pieces: the values at chosen paths (a SQuAD file's
// paragraphs) are built one at a time and handed over as each completes, then dropped; the
// rest of the document (titles, the version) is built as JSON.parse would build it, minus
// those values. Memory is one piece and one chunk of text, not the file. No piece, and not
// the rest either, may hold more than `maxChars` characters of text: a piece that does is
// skipped, reported as `too-long`, without holding it; the rest that does stops the reading.
import { JsonTokenizer, type JsonScalar, type JsonSyntaxProblem, type JsonTokenHandler } from './json-tokens';

export type JsonPath = (string | number)[];

/** The line an object or array starts on, or with `key`, the line of that key in it. */
export type LineOf = (container: object, key?: string) => number | undefined;

export type JsonStreamEvent =
  /** A value at a chosen path, complete; `lineOf` knows the objects and arrays in it. */
  | { kind: 'item'; path: JsonPath; value: unknown; line: number; lineOf: LineOf }
  /**
   * More than `maxChars` characters: the item at `item` (skipped; reading goes on), or, without
   * `item`, the rest of the document (reading stops). `at` is where the limit was passed.
   */
  | { kind: 'too-long'; item?: JsonPath; at: JsonPath; line: number }
  /** The text breaks the grammar; reading stops. `path` is where in the document. */
  | ({ kind: 'malformed'; path: JsonPath } & JsonSyntaxProblem)
  /** Always last: the document without its items; `complete` false when reading stopped early. */
  | { kind: 'end'; document: unknown; complete: boolean; lineOf: LineOf };

export interface JsonStreamOptions {
  /** Whether the value that starts at `path` is an item. Asked only outside items. */
  isItem: (path: JsonPath) => boolean;
  maxChars: number;
}

const SLICE_CHARS = 64 * 1024;

export async function* streamJson(chunks: AsyncIterable<string>, options: JsonStreamOptions): AsyncGenerator<JsonStreamEvent> {
  const builder = new PieceBuilder(options);
  for await (const chunk of chunks) {
    // In slices: the items of a slice wait to be taken, not those of a whole (1 MB) chunk.
    for (let from = 0; from < chunk.length; from += SLICE_CHARS) {
      const problem = builder.tokens.write(chunk.slice(from, from + SLICE_CHARS));
      yield* builder.take();
      if (problem) return yield* builder.stop(problem);
      if (builder.tokens.isHalted) return yield* builder.stop();
    }
  }
  const problem = builder.tokens.end();
  yield* builder.take();
  yield* builder.stop(problem);
}

/** "data[3].paragraphs[0].qas[2]": a path as JavaScript would write it. */
export function formatJsonPath(path: readonly (string | number)[]): string {
  return path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : /^[A-Za-z_$][\w$]*$/.test(part) ? `${i === 0 ? '' : '.'}${part}` : `[${JSON.stringify(part)}]`))
    .join('');
}

type JsonContainer = Record<string, unknown> | unknown[];

interface Frame {
  value: JsonContainer;
  lines: Lines;
  isArray: boolean;
  /** An object's member being read or last read (undefined before the first); an array's next index. */
  key: string | undefined;
  index: number;
}

interface Lines {
  line: number;
  keys?: Map<string, number>;
}

/** Lines of the containers of one item, or of the document; a Map (not a WeakMap, which costs the collector) dropped with them. */
class LineBook {
  private readonly lines = new Map<object, Lines>();

  add(container: object, line: number): Lines {
    const lines: Lines = { line };
    this.lines.set(container, lines);
    return lines;
  }

  readonly lineOf: LineOf = (container, key) => {
    const lines = this.lines.get(container);
    return key === undefined ? lines?.line : lines?.keys?.get(key);
  };
}

interface OpenItem {
  /** frames.length outside the item: its root is frames[depth]. */
  depth: number;
  path: JsonPath;
  line: number;
  start: number;
  lines: LineBook;
}

class PieceBuilder implements JsonTokenHandler {
  readonly tokens = new JsonTokenizer(this);
  private readonly frames: Frame[] = [];
  private readonly documentLines = new LineBook();
  private pending: JsonStreamEvent[] = [];
  private document: unknown = undefined;
  private item: OpenItem | undefined;
  /** Containers still open in an item that passed the limit; 0 when not skipping. */
  private skipDepth = 0;
  private skippedAt: JsonPath = [];
  /** Characters read inside items so far: the rest's budget is maxChars beyond them. */
  private itemChars = 0;

  constructor(private readonly options: JsonStreamOptions) {
    this.tokens.limitOffset = options.maxChars;
  }

  take(): JsonStreamEvent[] {
    const events = this.pending;
    this.pending = [];
    return events;
  }

  *stop(problem?: JsonSyntaxProblem): Generator<JsonStreamEvent> {
    if (problem) yield { kind: 'malformed', path: this.path(), ...problem };
    yield { kind: 'end', document: this.document, complete: !problem && !this.tokens.isHalted, lineOf: this.documentLines.lineOf };
  }

  openObject(line: number): void {
    this.open({}, false, line);
  }

  openArray(line: number): void {
    this.open([], true, line);
  }

  close(): void {
    if (this.skipDepth > 0) {
      if (--this.skipDepth === 0) this.endItem(undefined);
      return;
    }
    const frame = this.frames.pop()!;
    if (this.item && this.frames.length === this.item.depth) this.endItem(frame.value);
    else this.completed();
  }

  key(name: string, line: number): void {
    if (this.skipDepth > 0) return;
    const frame = this.frames[this.frames.length - 1]!;
    frame.key = name;
    (frame.lines.keys ??= new Map()).set(name, line);
  }

  scalar(value: JsonScalar, line: number): void {
    if (this.skipDepth > 0) return;
    const path = this.item ? undefined : this.path();
    if (path && this.options.isItem(path)) {
      // A scalar item counts towards the rest of the document until it has ended.
      this.pending.push({ kind: 'item', path, value, line, lineOf: () => undefined });
      this.completed();
      return;
    }
    this.attach(value);
    this.completed();
  }

  overLimit(): void {
    const item = this.item;
    if (!item) {
      this.pending.push({ kind: 'too-long', at: this.path(), line: this.tokens.currentLine });
      this.tokens.halt();
      return;
    }
    // Drop what was built of the item and read on without keeping text until it ends.
    this.skippedAt = this.path();
    this.skipDepth = this.frames.length - item.depth;
    this.frames.length = item.depth;
    this.tokens.keepText = false;
  }

  private open(value: JsonContainer, isArray: boolean, line: number): void {
    if (this.skipDepth > 0) {
      this.skipDepth++;
      return;
    }
    if (!this.item && this.options.isItem(this.path())) {
      const start = this.tokens.tokenOffset;
      this.item = { depth: this.frames.length, path: this.path(), line, start, lines: new LineBook() };
      this.tokens.limitOffset = start + this.options.maxChars;
    } else {
      this.attach(value);
    }
    const lines = (this.item?.lines ?? this.documentLines).add(value, line);
    this.frames.push({ value, lines, isArray, key: undefined, index: 0 });
  }

  /** The item's root closed: hand it over (or say it was too long), and charge its text. */
  private endItem(value: JsonContainer | undefined): void {
    const item = this.item!;
    this.pending.push(value === undefined ? { kind: 'too-long', item: item.path, at: this.skippedAt, line: item.line } : { kind: 'item', path: item.path, value, line: item.line, lineOf: item.lines.lineOf });
    this.item = undefined;
    this.tokens.keepText = true;
    this.itemChars += this.tokens.offset - item.start;
    this.tokens.limitOffset = this.itemChars + this.options.maxChars;
    this.completed();
  }

  /** Adds a value to the container being read (or makes it the document). */
  private attach(value: unknown): void {
    const frame = this.frames[this.frames.length - 1];
    if (!frame) this.document = value;
    else if (frame.isArray) (frame.value as unknown[]).push(value);
    // JSON.parse makes "__proto__" an own property; assigning it would set the prototype.
    else if (frame.key === '__proto__') Object.defineProperty(frame.value, '__proto__', { value, enumerable: true, writable: true, configurable: true });
    else (frame.value as Record<string, unknown>)[frame.key!] = value;
  }

  /** A value in the innermost container has ended: an array's next element is the next index. */
  private completed(): void {
    const frame = this.frames[this.frames.length - 1];
    if (frame?.isArray) frame.index++;
  }

  private path(): JsonPath {
    const path: JsonPath = [];
    for (const frame of this.frames) {
      if (frame.isArray) path.push(frame.index);
      else if (frame.key !== undefined) path.push(frame.key);
      else break;
    }
    return path;
  }
}
