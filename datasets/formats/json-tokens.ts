// JSON read as a stream of text chunks: the grammar, one character at a time, resumable at
// any chunk boundary (inside a string, an escape, a number or a literal), with the line and
// column of every token and of the first place the text breaks the grammar.
//
// Tokens go to a handler as they complete; what to build from them is the handler's choice
// (json-stream.ts builds chosen parts of a document one at a time). A string is decoded
// by JSON.parse of the whole token once its closing quote arrives, so escapes mean exactly
// what they mean to JSON.parse (a \uD83D\uDE00 pair split across chunks included), and the
// string is a plain copy of its text: a slice of a chunk would keep the whole chunk alive
// as long as the string lives, and a slice of a copy costs a second object per string
// (measured: 49 MB instead of 32 MB for the examples of a 20 MB SQuAD file).

export type JsonScalar = string | number | boolean | null;

export interface JsonTokenHandler {
  openObject(line: number): void;
  openArray(line: number): void;
  /** The innermost object or array ended. */
  close(): void;
  key(name: string, line: number): void;
  scalar(value: JsonScalar, line: number): void;
  /** The text read passed `limitOffset` (checked after every token and every run of string text). */
  overLimit(): void;
}

export interface JsonSyntaxProblem {
  /** Character offset (UTF-16 units) from the start of the text. */
  offset: number;
  /** 1-based. */
  line: number;
  column: number;
  message: string;
}

// What the grammar expects next, between tokens…
const VALUE = 0;
const VALUE_OR_CLOSE = 1; // after [
const KEY_OR_CLOSE = 2; // after {
const KEY = 3; // after , in an object
const COLON = 4;
const AFTER_VALUE = 5;
const DONE = 6; // after the top-level value: only white space
// …and inside a token.
const IN_STRING = 7;
const IN_NUMBER = 8;
const IN_LITERAL = 9;

const OBJECT = 0;
const ARRAY = 1;

// Number states (RFC 8259's grammar); the accepting ones end a number that stops there.
const N_START = 8;
const N_MINUS = 0;
const N_ZERO = 1;
const N_INT = 2;
const N_DOT = 3;
const N_FRAC = 4;
const N_EXP = 5;
const N_EXP_SIGN = 6;
const N_EXP_DIGITS = 7;
const ACCEPTING = [false, true, true, false, true, false, false, true, false];

const STRING_RUN = /[^"\\\u0000-\u001f]+/y;
const SIMPLE_ESCAPES = '"\\/bfnrt';
const MAX_KEY_NAMES = 1024;
const MAX_KEY_NAME_CHARS = 64;
const ESCAPE_EXPECTED = 'an escape such as \\n or \\" after the backslash';

export class JsonTokenizer {
  /** Off: strings and numbers are checked but not kept (keys and strings arrive as ''). */
  keepText = true;
  /** Absolute offset past which `overLimit` is called once; the handler sets the next one. */
  limitOffset = Infinity;

  private state = VALUE;
  private readonly stack: number[] = [];
  private text = '';
  private base = 0; // offset of `text` in the whole
  private pos = 0; // index in `text` of the character being read
  private line = 1;
  private lineStart = 0; // offset of the current line's first character
  private halted = false;
  private failed: JsonSyntaxProblem | undefined;

  // The token being read.
  private tokenStart = 0;
  private tokenLine = 1;
  private raw = '';
  private isKey = false;
  private hasEscape = false;
  /** Keys without escapes, by their raw token ('"id'): a document repeats a few keys in every record. */
  private readonly keyNames = new Map<string, string>();
  private escape: 'none' | 'backslash' | 'unicode' = 'none';
  private hexLeft = 0;
  private hexAt = 0; // the offset of the escape's "u"
  private numberState = N_START;
  private backtrackAt = 0; // where the number's longest valid prefix ends (the "." or "e")
  private backtrackChar = '';
  private literal = '';
  private literalValue: JsonScalar = null;
  private matched = 0;

  constructor(private readonly handler: JsonTokenHandler) {}

  /** Characters read so far. */
  get offset(): number {
    return this.base + this.pos;
  }

  /** Offset of the first character of the token last handed to the handler (or being read). */
  get tokenOffset(): number {
    return this.tokenStart;
  }

  /** Stops reading: later writes do nothing (the handler has seen enough). */
  halt(): void {
    this.halted = true;
  }

  /** The line being read. */
  get currentLine(): number {
    return this.line;
  }

  get isHalted(): boolean {
    return this.halted;
  }

  /** Reads the next chunk; the first syntax problem ends the reading and is returned from then on. */
  write(chunk: string): JsonSyntaxProblem | undefined {
    if (this.failed || this.halted) return this.failed;
    this.text = chunk;
    this.pos = 0;
    const length = chunk.length;
    while (this.pos < length && !this.halted && !this.failed) {
      switch (this.state) {
        case IN_STRING:
          this.readString();
          break;
        case IN_NUMBER:
          this.readNumber();
          break;
        case IN_LITERAL:
          this.readLiteral();
          break;
        default:
          this.readBetweenTokens();
      }
      if (this.base + this.pos > this.limitOffset) {
        this.limitOffset = Infinity;
        this.handler.overLimit();
        if (!this.keepText) this.raw = '';
      }
    }
    this.base += length;
    this.pos = 0;
    this.text = '';
    return this.failed;
  }

  /** The text has ended: a problem if it ended inside a value or before one. */
  end(): JsonSyntaxProblem | undefined {
    if (this.failed || this.halted) return this.failed;
    switch (this.state) {
      case IN_STRING:
        if (this.escape === 'unicode') return this.fail(ESCAPE_EXPECTED, this.hexAt, 'u');
        return this.fail('the closing quote of the string');
      case IN_NUMBER:
        this.endNumber();
        if (this.failed) return this.failed;
        break;
      case IN_LITERAL:
        return this.fail('a value', this.tokenStart, this.literal[0]);
    }
    switch (this.state) {
      case DONE:
        return undefined;
      case VALUE:
      case VALUE_OR_CLOSE:
        return this.fail('a value');
      case KEY_OR_CLOSE:
      case KEY:
        return this.fail('a string in double quotes');
      case COLON:
        return this.fail('":" after the property name');
      default:
        return this.fail(this.afterValueExpected());
    }
  }

  private readBetweenTokens(): void {
    const text = this.text;
    let c = text.charCodeAt(this.pos);
    while (c === 0x20 || c === 0x09 || c === 0x0d || c === 0x0a) {
      this.pos++;
      if (c === 0x0a) {
        this.line++;
        this.lineStart = this.base + this.pos;
      }
      if (this.pos === text.length) return;
      c = text.charCodeAt(this.pos);
    }
    this.tokenStart = this.base + this.pos;
    this.tokenLine = this.line;
    switch (this.state) {
      case VALUE_OR_CLOSE:
        if (c === 0x5d) return this.close(); // ]
        return this.startValue(c);
      case VALUE:
        return this.startValue(c);
      case KEY_OR_CLOSE:
        if (c === 0x7d) return this.close(); // }
        if (c === 0x22) return this.startString(true);
        return void this.fail('a string in double quotes');
      case KEY:
        if (c === 0x22) return this.startString(true);
        return void this.fail('a string in double quotes');
      case COLON:
        if (c !== 0x3a) return void this.fail('":" after the property name');
        this.pos++;
        this.state = VALUE;
        return;
      case AFTER_VALUE: {
        const top = this.stack[this.stack.length - 1];
        if (c === 0x2c) {
          this.pos++;
          this.state = top === OBJECT ? KEY : VALUE;
          return;
        }
        if (c === (top === OBJECT ? 0x7d : 0x5d)) return this.close();
        return void this.fail(this.afterValueExpected());
      }
      default: // DONE
        return void this.fail(this.afterValueExpected());
    }
  }

  private startValue(c: number): void {
    if (c === 0x7b || c === 0x5b) {
      // { or [
      this.pos++;
      const kind = c === 0x7b ? OBJECT : ARRAY;
      this.stack.push(kind);
      this.state = kind === OBJECT ? KEY_OR_CLOSE : VALUE_OR_CLOSE;
      if (kind === OBJECT) this.handler.openObject(this.tokenLine);
      else this.handler.openArray(this.tokenLine);
      return;
    }
    if (c === 0x22) return this.startString(false);
    if (c === 0x74 || c === 0x66 || c === 0x6e) {
      // t f n
      this.literal = c === 0x74 ? 'true' : c === 0x66 ? 'false' : 'null';
      this.literalValue = c === 0x74 ? true : c === 0x66 ? false : null;
      this.matched = 0;
      this.state = IN_LITERAL;
      return;
    }
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) {
      this.numberState = N_START;
      this.raw = '';
      this.state = IN_NUMBER;
      return;
    }
    this.fail('a value');
  }

  private close(): void {
    this.pos++;
    this.stack.pop();
    this.handler.close();
    this.afterValue();
  }

  private afterValue(): void {
    this.state = this.stack.length === 0 ? DONE : AFTER_VALUE;
  }

  private afterValueExpected(): string {
    if (this.stack.length === 0) return 'the end of the text after the JSON value';
    return this.stack[this.stack.length - 1] === OBJECT ? '"," or "}" after a property value' : '"," or "]" after an array element';
  }

  private startString(isKey: boolean): void {
    this.pos++;
    this.isKey = isKey;
    this.hasEscape = false;
    this.escape = 'none';
    this.raw = this.keepText ? '"' : '';
    this.state = IN_STRING;
  }

  private readString(): void {
    const text = this.text;
    const length = text.length;
    let i = this.pos;
    while (i < length) {
      if (this.escape === 'none') {
        STRING_RUN.lastIndex = i;
        if (STRING_RUN.test(text)) {
          const end = STRING_RUN.lastIndex;
          if (this.keepText) this.raw += text.slice(i, end);
          i = end;
          if (i >= length) break;
        }
        const c = text.charCodeAt(i);
        if (c === 0x22) {
          this.pos = i + 1;
          return this.endString();
        }
        if (c === 0x5c) {
          if (this.keepText) this.raw += '\\';
          this.escape = 'backslash';
          this.hasEscape = true;
          i++;
          continue;
        }
        this.pos = i;
        return void this.fail('the closing quote of the string (control characters must be escaped)');
      }
      const ch = text[i]!;
      if (this.escape === 'backslash') {
        if (ch === 'u') {
          this.escape = 'unicode';
          this.hexLeft = 4;
          this.hexAt = this.base + i;
        } else if (SIMPLE_ESCAPES.includes(ch)) {
          this.escape = 'none';
        } else {
          this.pos = i;
          return void this.fail(ESCAPE_EXPECTED);
        }
      } else {
        if (!isHexDigit(text.charCodeAt(i))) {
          this.pos = i;
          return void this.fail(ESCAPE_EXPECTED, this.hexAt, 'u');
        }
        if (--this.hexLeft === 0) this.escape = 'none';
      }
      if (this.keepText) this.raw += ch;
      i++;
    }
    this.pos = i;
  }

  private endString(): void {
    const value = this.keepText ? this.decodeString() : '';
    this.raw = '';
    if (this.isKey) {
      this.state = COLON;
      this.handler.key(value, this.tokenLine);
    } else {
      this.afterValue();
      this.handler.scalar(value, this.tokenLine);
    }
  }

  private decodeString(): string {
    if (!this.isKey || this.hasEscape) return JSON.parse(this.raw + '"') as string;
    const known = this.keyNames.get(this.raw);
    if (known !== undefined) return known;
    const name = JSON.parse(this.raw + '"') as string;
    // Stored under a copy of the raw token: `raw` holds slices of the chunk it came from.
    if (this.keyNames.size < MAX_KEY_NAMES && name.length <= MAX_KEY_NAME_CHARS) this.keyNames.set(`"${name}`, name);
    return name;
  }

  private readNumber(): void {
    const text = this.text;
    const length = text.length;
    const from = this.pos;
    let i = from;
    for (; i < length; i++) {
      const c = text.charCodeAt(i);
      const next = numberStep(this.numberState, c);
      if (next < 0) break;
      if ((next === N_DOT || next === N_EXP) && ACCEPTING[this.numberState]) {
        this.backtrackAt = this.base + i;
        this.backtrackChar = text[i]!;
      }
      this.numberState = next;
    }
    if (this.keepText) this.raw += text.slice(from, i);
    this.pos = i;
    if (i < length) this.endNumber();
  }

  /** The number ends before the current character (or at the end of the text). */
  private endNumber(): void {
    const state = this.numberState;
    if (state === N_MINUS) return void this.fail('a value', this.tokenStart, '-');
    if (!ACCEPTING[state]) {
      // "1." or "1e+": the number is "1", and the "." or "e" cannot follow a value.
      this.afterValue();
      return void this.fail(this.afterValueExpected(), this.backtrackAt, this.backtrackChar);
    }
    const value = this.keepText ? Number(this.raw) : 0;
    this.raw = '';
    this.afterValue();
    this.handler.scalar(value, this.tokenLine);
  }

  private readLiteral(): void {
    const text = this.text;
    while (this.pos < text.length && this.matched < this.literal.length) {
      if (text[this.pos] !== this.literal[this.matched]) return void this.fail('a value', this.tokenStart, this.literal[0]);
      this.pos++;
      this.matched++;
    }
    if (this.matched === this.literal.length) {
      this.afterValue();
      this.handler.scalar(this.literalValue, this.tokenLine);
    }
  }

  /** Records the first problem: `expected …, found …` at `at` (default: the character being read). */
  private fail(expected: string, at = this.base + this.pos, found?: string): JsonSyntaxProblem {
    const char = found ?? (at - this.base < this.text.length ? this.text[at - this.base] : undefined);
    const message = `expected ${expected}, found ${char === undefined ? 'the end of the text' : `"${char}"`}`;
    this.failed = { offset: at, line: this.line, column: at - this.lineStart + 1, message };
    return this.failed;
  }
}

function isHexDigit(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** The number state after character `c`, or -1 when `c` is not part of the number. */
function numberStep(state: number, c: number): number {
  const digit = c >= 0x30 && c <= 0x39;
  const exponent = c === 0x65 || c === 0x45;
  switch (state) {
    case N_START:
      return c === 0x2d ? N_MINUS : c === 0x30 ? N_ZERO : digit ? N_INT : -1;
    case N_MINUS:
      return c === 0x30 ? N_ZERO : digit ? N_INT : -1;
    case N_ZERO:
      return c === 0x2e ? N_DOT : exponent ? N_EXP : -1;
    case N_INT:
      return digit ? N_INT : c === 0x2e ? N_DOT : exponent ? N_EXP : -1;
    case N_DOT:
    case N_FRAC:
      return digit ? N_FRAC : state === N_FRAC && exponent ? N_EXP : -1;
    case N_EXP:
      return c === 0x2b || c === 0x2d ? N_EXP_SIGN : digit ? N_EXP_DIGITS : -1;
    default: // N_EXP_SIGN, N_EXP_DIGITS
      return digit ? N_EXP_DIGITS : -1;
  }
}
