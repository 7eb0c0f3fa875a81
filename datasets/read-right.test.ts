// Valid files that used to be misread: offsets, line ends, labels and record sizes are
// taken the way the tools that wrote the files meant them (issue #16, "read right").
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { loadDataset } from './load';
import { memorySource } from './source';
import { loadDatasetFiles } from './read-node';

const VALID = join(__dirname, 'testdata/valid');

describe('SQuAD answer_start counts code points, as Python wrote it', () => {
  it.each(['qa-emoji.json', 'qa-emoji.jsonl'])('%s: a context with emoji before the answer is valid, and the span is right', async (file) => {
    const dataset = await loadDatasetFiles('qa', { train: join(VALID, file) }, { split: false });
    expect(dataset.problems).toEqual([]);
    expect(dataset.train.length).toBeGreaterThan(0);
    for (const example of dataset.train) {
      for (const answer of example.answers) expect(example.context.slice(answer.start, answer.start + answer.text.length)).toBe(answer.text);
    }
  });

  it('says where an answer really is in code points too', async () => {
    const context = '😀😀 ab cd';
    const doc = { data: [{ title: 't', paragraphs: [{ context, qas: [{ id: 'q', question: 'x?', answers: [{ text: 'cd', answer_start: 0 }] }] }] }] };
    const dataset = await loadDataset({ task: 'qa', train: memorySource('q.json', JSON.stringify(doc)), split: false });
    expect(dataset.problems[0]?.message).toContain('it occurs at 6'); // code points: 😀😀 = 2 of them, not 4 UTF-16 units
  });

  it('also accepts UTF-16 offsets (files written from JavaScript), with a warning', async () => {
    const context = '😀 ab cd';
    const doc = { data: [{ title: 't', paragraphs: [{ context, qas: [{ id: 'q', question: 'x?', answers: [{ text: 'cd', answer_start: context.indexOf('cd') }] }] }] }] };
    const dataset = await loadDataset({ task: 'qa', train: memorySource('q.json', JSON.stringify(doc)), split: false });
    expect(dataset.valid).toBe(true);
    expect(dataset.train[0]!.answers[0]!.start).toBe(context.indexOf('cd'));
    expect(dataset.problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'utf16-answer-start' })]);
  });
});

describe('line ends', () => {
  it('a lone CR ends a line like LF and CRLF', async () => {
    const dataset = await loadDatasetFiles('classification', { train: join(VALID, 'cls-mixed-newlines.csv') }, { split: false });
    expect(dataset.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(dataset.train).toEqual([
      { text: 'good film', label: '1', line: 2 },
      { text: 'bad film', label: '0', line: 3 },
      { text: 'ok', label: '1', line: 4 },
    ]);
  });

  it('CR-only NER and JSON lines files number their lines', async () => {
    const ner = await loadDataset({ task: 'ner', train: memorySource('x.conll', 'EU B-ORG\rrejects O\rGerman\r\rPeter B-PER\r'), split: false });
    expect(ner.problems[0]).toMatchObject({ code: 'missing-tag', line: 3 });
    const jsonl = await loadDataset({ task: 'classification', train: memorySource('x.jsonl', '{"text": "a", "label": 1}\r{"text": "b", "label": 0}\r{"text": "c" "label": 0}\r'), split: false });
    expect(jsonl.problems[0]).toMatchObject({ code: 'malformed-json', line: 3 });
  });

  it('counts a CR-only file\'s lines for bytes that are not UTF-8', async () => {
    const bytes = Uint8Array.from([...new TextEncoder().encode('text,label\rgood,1\rb'), 0xe9, ...new TextEncoder().encode('d,0\r')]);
    const dataset = await loadDataset({ task: 'classification', train: memorySource('x.csv', bytes), split: false });
    expect(dataset.problems[0]).toMatchObject({ code: 'not-utf8', line: 3 });
  });
});

describe('labels are strings unless they are small integers', () => {
  it('keeps the digits of integer labels past 2^53 and of other numbers as written', async () => {
    const dataset = await loadDatasetFiles('classification', { train: join(VALID, 'cls-big-int-labels.jsonl') }, { split: false });
    expect(dataset.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(dataset.train.map((e) => e.label)).toEqual(['9007199254740993', '9007199254740992', '9'.repeat(400), '1', '1.50']);
  });

  it('orders integer labels exactly, however large', async () => {
    const csv = 'text,label\na,9007199254740993\nb,9007199254740992\nc,10\nd,9\n';
    const dataset = await loadDataset({ task: 'classification', train: memorySource('x.csv', csv), split: false });
    expect(dataset.labels).toEqual(['9', '10', '9007199254740992', '9007199254740993']);
  });
});

describe('NUL characters', () => {
  it('are removed from the text', async () => {
    const dataset = await loadDataset({ task: 'classification', train: memorySource('x.csv', 'text,label\ngo\u0000od,1\nbad,0\n'), split: false });
    expect(dataset.train[0]!.text).toBe('good');
  });
});

describe('the record limit', () => {
  it('a quoted field of more than 8 MiB is reported as the limit it hit, not as "never closed"', async () => {
    const csv = `text,label\nshort,0\n"${'a'.repeat(9 * 1024 * 1024)}",1\nb,0\n`;
    const dataset = await loadDataset({ task: 'classification', train: memorySource('big.csv', csv, 1024 * 1024), split: false });
    const problem = dataset.problems.find((p) => p.severity === 'error');
    expect(problem).toMatchObject({ code: 'record-too-long', line: 3 });
    expect(problem!.message).toContain('longer than 8 MiB, the limit for one record');
    expect(problem!.message).not.toMatch(/^a quoted field .* never closed/);
  });

  // Before, the line readers appended to one string until a newline came: a file without
  // line breaks was held whole, and a 9 MiB line was parsed as one example.
  const huge = 'a'.repeat(9 * 1024 * 1024);
  it.each([
    ['JSON lines', 'classification', 'big.jsonl', `{"text": "ok", "label": 0}\n{"text": "${huge}", "label": 1}\n{"text": "b", "label": 0}\n`],
    ['CoNLL', 'ner', 'big.conll', `EU B-ORG\nrejects O\n\n${huge} O\n`],
    ['a text corpus', 'mlm', 'big.txt', `One sentence.\n${huge}\n`],
  ] as const)('a line of more than 8 MiB in %s stops the reading there and says which line', async (_, task, name, text) => {
    const dataset = await loadDataset({ task, train: memorySource(name, text, 1024 * 1024), split: false });
    const problem = dataset.problems.find((p) => p.severity === 'error');
    expect(problem).toMatchObject({ code: 'record-too-long', file: name, line: task === 'ner' ? 4 : 2 });
    expect(problem!.message).toContain('longer than 8 MiB, the limit for one record; reading stopped here');
  });
});
