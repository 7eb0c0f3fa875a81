import { describe, expect, it } from 'vitest';
import { delimitedRows, type DelimitedOptions, type DelimitedRow } from './delimited';
import { findJsonSyntaxError } from './json-syntax';
import { sniffFormat } from './sniff';
import { ProblemLog } from '../problems';
import { normalizeText } from '../text/normalize';
import { readAllText } from '../text/peek';

async function* strings(...parts: string[]): AsyncGenerator<string> {
  yield* parts;
}

/** `text` cut into chunks of `size` characters, to put chunk boundaries everywhere. */
async function rows(text: string, options: DelimitedOptions, size = 3): Promise<DelimitedRow[]> {
  async function* chunks() {
    for (let i = 0; i < text.length; i += size) yield text.slice(i, i + size);
  }
  const result: DelimitedRow[] = [];
  for await (const row of delimitedRows(chunks(), options)) result.push(row);
  return result;
}

describe('delimitedRows', () => {
  it('reads quoted fields with commas, doubled quotes and newlines, with the line each record starts on', async () => {
    const text = 'text,label\n"a, b",1\n"two\nlines ""quoted""",0\nlast,1';
    for (const size of [1, 3, 7, 1000]) {
      expect(await rows(text, { delimiter: ',', quoting: true }, size)).toEqual([
        { fields: ['text', 'label'], line: 1 },
        { fields: ['a, b', '1'], line: 2 },
        { fields: ['two\nlines "quoted"', '0'], line: 3 },
        { fields: ['last', '1'], line: 5 },
      ]);
    }
  });

  it('reads CRLF, CR-only and mixed line endings once normalizeText has made them LF', async () => {
    for (const text of ['a,b\r\n"x\r\ny",1\r\nz,2\r\n', 'a,b\r"x\ry",1\rz,2\r', 'a,b\n"x\r\ny",1\rz,2\r\n']) {
      const normalized = await readAllText(normalizeText(strings(...text.split('')), 'f', new ProblemLog()));
      expect(await rows(normalized, { delimiter: ',', quoting: true })).toEqual([
        { fields: ['a', 'b'], line: 1 },
        { fields: ['x\ny', '1'], line: 2 },
        { fields: ['z', '2'], line: 4 },
      ]);
    }
  });

  it('with quoting off, quotes are text (GLUE TSV)', async () => {
    expect(await rows('s\tl\n"the witness, he said\t1\nok"\t0\n', { delimiter: '\t', quoting: false })).toEqual([
      { fields: ['s', 'l'], line: 1 },
      { fields: ['"the witness, he said', '1'], line: 2 },
      { fields: ['ok"', '0'], line: 3 },
    ]);
  });

  it('stops at a record longer than maxRecordChars instead of buffering the rest of the file', async () => {
    const text = 'a,b\n1,2\n"open,3\n' + 'x,y\n'.repeat(100);
    const result = await rows(text, { delimiter: ',', quoting: true, maxRecordChars: 50 }, 10);
    expect(result.at(-1)).toEqual({ fields: [], line: 3, error: 'record-too-long' });
  });
});

describe('sniffFormat', () => {
  it.each([
    ['{"text": "a", "label": 1}\n{"text": "b", "label": 0}\n', 'data.json', 'jsonl'],
    ['{\n  "version": "v2.0",\n  "data": []\n}\n', 'x.jsonl', 'json'],
    ['{"version": "1.1", "data": [{"title": "x"}]}', 'squad.json', 'json'],
    ['{"text": "a", "label": 1,}\n{"text": "b", "label": 0}\n', 'broken.jsonl', 'jsonl'],
    ['-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\nrejects VBZ B-VP O\n', 'train.txt', 'conll'],
    ['@paulwalk\tO\nIt\tO\nEmpire\tB-location\n', 'x.csv', 'conll'],
    ['sentence\tlabel\nit is fine , really\t1\n', 'x.csv', 'tsv'],
    ['text,label\nhello,1\n', 'x.tsv', 'csv'],
    ['justtext\nmore\n', 'x.tsv', 'tsv'],
    // CoNLL in shape, with tags a reader must name: one bad of four, a tag left out, lowercase.
    ['Peter B-PER\nvisited PLACE\nParis B-LOC\ntoday O\n', 'x.conll', 'conll'],
    ['EU B-ORG\nrejects O\nGerman\ncall O\n', 'x.conll', 'conll'],
    ['Peter b-per\nBlackburn i-per\n\nHe o\nleft o\n', 'train.txt', 'conll'],
    ['text,label\ngood,1\n\nbad,0\nfine,1\n', 'x.conll', 'csv'],
    ['sentence\tlabel\nit is fine , really\t1\nbad\t0\n', 'train.tsv', 'tsv'],
  ])('%j (%s) → %s', (head, name, format) => {
    expect(sniffFormat(head, name).format).toBe(format);
  });
});

describe('findJsonSyntaxError', () => {
  it.each([
    ['{"a": 1}', undefined],
    ['{"a": 1,}', { offset: 8, message: 'expected a string in double quotes, found "}"' }],
    ['[1 2]', { offset: 3, message: 'expected "," or "]" after an array element, found "2"' }],
    ['{"a" 1}', { offset: 5, message: 'expected ":" after the property name, found "1"' }],
    ['"abc', { offset: 4, message: 'expected the closing quote of the string, found the end of the text' }],
    ['{"a": tru}', { offset: 6, message: 'expected a value, found "t"' }],
    ['{} x', { offset: 3, message: 'expected the end of the text after the JSON value, found "x"' }],
  ])('%s', (text, expected) => {
    // One line each: the column is the offset + 1.
    expect(findJsonSyntaxError(text)).toEqual(expected && { ...expected, line: 1, column: expected.offset + 1 });
  });
});
