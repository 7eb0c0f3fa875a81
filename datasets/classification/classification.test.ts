import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ProblemLog } from '../problems';
import { memorySource } from '../source';
import { fileSource } from '../read-node';
import { resolveColumns } from './columns';
import { readClassificationFile } from './read';

const VALID = join(__dirname, '../testdata/valid');

describe('resolveColumns', () => {
  it.each([
    [['sentence', 'label'], { text: 'sentence', label: 'label' }],
    [['Quality', '#1 ID', '#2 ID', '#1 String', '#2 String'], { text: '#1 String', textPair: '#2 String', label: 'Quality' }],
    [['index', 'question', 'sentence', 'label'], { text: 'question', textPair: 'sentence', label: 'label' }],
    [['id', 'qid1', 'qid2', 'question1', 'question2', 'is_duplicate', 'label'], { text: 'question1', textPair: 'question2', label: 'label' }],
    [['Review', 'Stars'], { text: 'Review', label: 'Stars' }],
    [['\uFEFFtext', 'labels'], { text: '\uFEFFtext', label: 'labels' }],
  ])('%j', (names, columns) => {
    expect(resolveColumns(names)).toEqual({ ok: true, columns });
  });

  it('uses an explicit mapping and says which given column is missing', () => {
    expect(resolveColumns(['body', 'y'], { text: 'body' })).toEqual({ ok: true, columns: { text: 'body', label: 'y' } });
    expect(resolveColumns(['body', 'y'], { text: 'content' })).toMatchObject({ ok: false, role: 'text', message: expect.stringContaining('missing column "content"') });
  });
});

describe('readClassificationFile', () => {
  it('reads a CSV with a BOM, CRLF and a quoted multi-line field', async () => {
    const log = new ProblemLog();
    const file = await readClassificationFile(fileSource(join(VALID, 'cls-tricky.csv')), {}, log);
    expect(log.list()).toEqual([]);
    expect(file.columns).toEqual({ text: 'review', label: 'sentiment' });
    expect(file.examples).toEqual([
      { text: 'A film that, frankly,\nspans lines and says "wow"', label: 'positive', line: 2 }, // CRLF read as LF
      { text: 'plain text', label: 'negative', line: 4 },
      { text: 'short', label: 'positive', line: 5 },
      { text: 'ok', label: 'negative', line: 6 },
    ]);
  });

  it('reads sentence pairs from JSON lines', async () => {
    const file = await readClassificationFile(fileSource(join(VALID, 'cls-pairs.jsonl')), {}, new ProblemLog());
    expect(file.examples[0]).toEqual({ text: 'Where is Paris?', textPair: 'Paris is in France.', label: 'entailment', line: 1 });
  });

  it('reads a tab-separated file named .csv as TSV, with a warning', async () => {
    const log = new ProblemLog();
    const file = await readClassificationFile(memorySource('train.csv', 'sentence\tlabel\na, b\t1\n'), {}, log);
    expect(file.examples).toEqual([{ text: 'a, b', label: '1', line: 2 }]);
    expect(log.list()).toEqual([expect.objectContaining({ severity: 'warning', code: 'format-guess', message: 'the file is named .csv but looks like TSV (tab-separated columns); reading it as TSV' })]);
  });

  it('reads JSON labels that are numbers or booleans as names', async () => {
    const file = await readClassificationFile(memorySource('x.jsonl', '{"text": "a", "label": 2}\n{"text": "b", "label": true}\n'), {}, new ProblemLog());
    expect(file.examples.map((e) => e.label)).toEqual(['2', 'true']);
  });
});
