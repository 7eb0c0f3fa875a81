// Where a JSON text first breaks the grammar, and what was expected there. JSON.parse's
// messages differ between engine versions and often omit the position ("Unexpected token
// ',', …is not valid JSON"), so malformed files are re-scanned here, only after JSON.parse
// has failed, to point at the line and column.

export interface JsonSyntaxError {
  /** Character offset of the error. */
  offset: number;
  message: string;
}

class Stop extends Error {
  constructor(readonly offset: number, message: string) {
    super(message);
  }
}

export function findJsonSyntaxError(text: string): JsonSyntaxError | undefined {
  let i = 0;
  const fail = (expected: string): never => {
    const found = i >= text.length ? 'the end of the text' : `"${text[i]}"`;
    throw new Stop(i, `expected ${expected}, found ${found}`);
  };
  const space = () => {
    while (i < text.length && (text[i] === ' ' || text[i] === '\t' || text[i] === '\n' || text[i] === '\r')) i++;
  };
  const literal = (word: string) => {
    if (text.startsWith(word, i)) i += word.length;
    else fail('a value');
  };
  const string = () => {
    if (text[i] !== '"') fail('a string in double quotes');
    for (i++; i < text.length; i++) {
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === '\\') {
        i++;
        if (text[i] === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 1, i + 5))) i += 4;
        else if (!'"\\/bfnrt'.includes(text[i] ?? '')) fail('an escape such as \\n or \\" after the backslash');
      } else if (c < ' ') fail('the closing quote of the string (control characters must be escaped)');
    }
    fail('the closing quote of the string');
  };
  const number = () => {
    const match = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(text.slice(i, i + 64));
    if (!match) fail('a value');
    i += match![0].length;
  };
  const list = (close: string, item: () => void, what: string) => {
    i++;
    space();
    if (text[i] === close) {
      i++;
      return;
    }
    for (;;) {
      item();
      space();
      if (text[i] === ',') {
        i++;
        space();
        continue;
      }
      if (text[i] === close) {
        i++;
        return;
      }
      fail(`"," or "${close}" after ${what}`);
    }
  };
  const value = (): void => {
    space();
    const c = text[i];
    if (c === '{') {
      list('}', () => {
        string();
        space();
        if (text[i] !== ':') fail('":" after the property name');
        i++;
        value();
      }, 'a property value');
    } else if (c === '[') list(']', value, 'an array element');
    else if (c === '"') string();
    else if (c === 't') literal('true');
    else if (c === 'f') literal('false');
    else if (c === 'n') literal('null');
    else if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) number();
    else fail('a value');
  };
  try {
    value();
    space();
    if (i < text.length) fail('the end of the text after the JSON value');
    return undefined;
  } catch (error) {
    if (error instanceof Stop) return { offset: error.offset, message: error.message };
    throw error;
  }
}
