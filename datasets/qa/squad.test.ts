// The streaming SQuAD reader gives the examples that parsing the whole file with JSON.parse
// gives, on the real files, wherever the chunks break; and it says where what is wrong is.
import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadDataset } from '../load';
import { loadDatasetFiles } from '../read-node';
import { memorySource, type ByteSource } from '../source';
import type { QaExample } from '../types';
import { codePointToUtf16 } from './offsets';

const REAL_FILES = [
  join(__dirname, '../testdata/full/squad/squad-v2.0-dev-subset.haystack-small.json'),
  join(__dirname, '../testdata/full/squad/squad-v1.1-style-derived.json'),
  join(__dirname, '../samples/squad-v2/train.json'),
  join(__dirname, '../samples/squad-v2/validation.json'),
];

interface SquadJson {
  data: { title: string; paragraphs: { context: string; qas: { id: string; question: string; answers: { text: string; answer_start: number }[]; is_impossible?: boolean }[] }[] }[];
}

/** The examples of a valid SQuAD file by JSON.parse of the whole text, each on the line of its "id". */
function readWhole(text: string): QaExample[] {
  const idLines = [...text.matchAll(/"id"\s*:/g)].map((match) => text.slice(0, match.index).split('\n').length);
  const document = JSON.parse(text) as SquadJson;
  return document.data.flatMap((article) =>
    article.paragraphs.flatMap((paragraph) =>
      paragraph.qas.map((qa) => {
        const answers = qa.is_impossible ? [] : qa.answers.map((a) => ({ text: a.text, start: codePointToUtf16(paragraph.context, a.answer_start)! }));
        return { id: qa.id, title: article.title, question: qa.question, context: paragraph.context, answers, isImpossible: answers.length === 0, line: idLines.shift()! };
      }),
    ),
  );
}

async function* map<T, U>(items: AsyncIterable<T>, f: (item: T) => U): AsyncGenerator<U> {
  for await (const item of items) yield f(item);
}

function squad(paragraphs: unknown[], extra: Record<string, unknown> = {}): string {
  return JSON.stringify({ version: 'v2.0', data: [{ title: 'T', paragraphs }], ...extra }, null, 1);
}

function question(id: string, context = 'The Normans gave their name to Normandy.'): object {
  return { context, qas: [{ id, question: 'Who?', answers: [{ text: 'The Normans', answer_start: 0 }], is_impossible: false }] };
}

describe('the real SQuAD files read to the examples JSON.parse gives', () => {
  it.each(REAL_FILES)('%s', async (file) => {
    const expected = readWhole(readFileSync(file, 'utf8'));
    const dataset = await loadDatasetFiles('qa', { train: file }, { split: false });
    expect(dataset.problems).toEqual([]);
    expect(dataset.train).toHaveLength(expected.length);
    expect(dataset.train).toEqual(expected);
    // Chunks of 7 bytes cut through every kind of token and multi-byte character.
    const small = await loadDataset({ task: 'qa', train: memorySource(file, readFileSync(file), 7), split: false });
    expect(small.train).toEqual(expected);
  });
});

describe('SQuAD semantics, read as a stream', () => {
  it('takes a title written after the paragraphs (json.dump with sort_keys)', async () => {
    const text = JSON.stringify({ data: [{ paragraphs: [question('a')], title: 'Late' }, { paragraphs: [question('b')], title: 'Later' }], version: 'v2.0' });
    const dataset = await loadDataset({ task: 'qa', train: memorySource('q.json', text, 16), split: false });
    expect(dataset.train.map((e) => e.title)).toEqual(['Late', 'Later']);
    expect(dataset.stats.train.articles).toBe(2);
  });

  it('reports a repeated id on the line of the repeat, and a question without an id on its own line', async () => {
    const text = squad([question('same'), question('same'), { context: 'x y', qas: [{ question: 'Who?', answers: [] }] }]);
    const dataset = await loadDataset({ task: 'qa', train: memorySource('q.json', text, 5), split: false });
    const lines = text.split('\n');
    const lineOf = (needle: string, from = 0) => lines.findIndex((l, i) => i >= from && l.includes(needle)) + 1;
    const firstId = lineOf('"id": "same"');
    expect(dataset.problems.find((p) => p.code === 'duplicate-id')).toMatchObject({ severity: 'warning', record: 'same', line: lineOf('"id": "same"', firstId) });
    const missing = dataset.problems.find((p) => p.code === 'missing-id');
    expect(missing).toMatchObject({ record: 'data[0].paragraphs[2].qas[0]', field: 'id' });
    expect(lines[missing!.line! - 1]).toMatch(/^\s*\{\s*$/); // the line the question's object opens on
    expect(lines[missing!.line!]).toContain('"question": "Who?"');
  });

  it('names an article without paragraphs by its place and line', async () => {
    const text = JSON.stringify({ data: [{ title: 'ok', paragraphs: [question('a')] }, { title: 'no paragraphs' }] }, null, 1);
    const dataset = await loadDataset({ task: 'qa', train: memorySource('q.json', text), split: false });
    const problem = dataset.problems.find((p) => p.code === 'missing-field');
    expect(problem).toMatchObject({ record: 'data[1]', field: 'paragraphs', message: 'the article has no "paragraphs" list' });
    expect(text.split('\n')[problem!.line! - 1]).toMatch(/^\s*\{\s*$/);
    expect(text.split('\n')[problem!.line!]).toContain('"title": "no paragraphs"');
  });

  it('reports where the JSON breaks with its path in the document', async () => {
    const text = squad([question('a')]).replace('"answer_start": 0', '"answer_start": 0x');
    const dataset = await loadDataset({ task: 'qa', train: memorySource('q.json', text), split: false });
    const line = text.split('\n').findIndex((l) => l.includes('0x')) + 1;
    expect(dataset.problems).toEqual([
      expect.objectContaining({ code: 'malformed-json', line, record: 'data[0].paragraphs[0].qas[0].answers[0].answer_start', message: expect.stringMatching(/^malformed JSON at column \d+: expected "," or "\}" after a property value, found "x"$/) }),
    ]);
  });
});

describe('the record limit in SQuAD files', () => {
  const big = 'a'.repeat(9 * 1024 * 1024);

  it('a paragraph over 8 MiB is reported as the limit it hit, and the other paragraphs are read', async () => {
    const text = squad([question('before'), question('huge', big), question('after')]);
    const dataset = await loadDataset({ task: 'qa', train: memorySource('big.json', text, 1024 * 1024), split: false });
    expect(dataset.train.map((e) => e.id)).toEqual(['before', 'after']);
    const problem = dataset.problems.find((p) => p.severity === 'error');
    // The 0-based index of the context's line is the 1-based number of the line above it, where the paragraph opens.
    const opensOn = text.split('\n').findIndex((l) => l.includes('"context": "aaa'));
    expect(problem).toMatchObject({ code: 'record-too-long', record: 'data[0].paragraphs[1]', field: 'context', line: opensOn });
    expect(problem!.message).toContain('longer than 8 MiB, the limit for one record (passed in "context"); its questions are skipped');
  });

  it('more than 8 MiB outside the paragraphs stops the reading', async () => {
    const dataset = await loadDataset({ task: 'qa', train: memorySource('big.json', squad([question('a')], { notes: big }), 1024 * 1024), split: false });
    expect(dataset.problems).toEqual([
      expect.objectContaining({ code: 'record-too-long', record: 'notes', message: expect.stringContaining('the document holds more than 8 MiB (the limit for one record) outside its paragraphs') }),
    ]);
  });

  it('a large JSON file that is not SQuAD is said to be not SQuAD, after reading 8 MiB of it', async () => {
    const rows = memorySource('rows.json', JSON.stringify(Array.from({ length: 200_000 }, (_, i) => ({ question: `q${i}`, context: 'some context text here' }))), 1024 * 1024);
    let chunksRead = 0;
    const counted: ByteSource = { name: rows.name, size: rows.size!, chunks: () => map(rows.chunks(), (chunk) => (chunksRead++, chunk)) };
    const dataset = await loadDataset({ task: 'qa', train: counted, read: { format: 'json' }, split: false });
    expect(dataset.problems).toEqual([expect.objectContaining({ code: 'not-squad', line: 1, message: 'not SQuAD JSON: expected an object with a "data" list of articles, found an array' })]);
    expect(rows.size!).toBeGreaterThan(10 * 1024 * 1024);
    expect(chunksRead).toBe(9);
  });
});
