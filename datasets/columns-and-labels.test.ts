// Column mapping (which columns hold text, pair, label; tokens and tags) and label names:
// guessed first, given when the guess is wrong, reported so the app can offer a choice.
import { describe, expect, it } from 'vitest';
import { resolveColumns } from './classification/columns';
import { loadDataset } from './load';
import { memorySource } from './source';

const REVIEWS = 'review_body,stars_sentiment\na gripping film,positive\na dull film,negative\nfine acting,positive\n';

describe('guessing columns', () => {
  it.each([
    [['review_body', 'stars_sentiment'], { text: 'review_body', label: 'stars_sentiment' }],
    [['review_title', 'review_body', 'stars'], { text: 'review_body', label: 'stars' }],
    [['review_id', 'title', 'review_body', 'sentiment_label'], { text: 'review_body', label: 'sentiment_label' }],
    [['tweet_text', 'label_id'], { text: 'tweet_text' }], // an id is never the label
  ])('%j', (names, columns) => {
    const resolved = resolveColumns(names, {}, false);
    expect(resolved).toEqual({ ok: true, columns });
  });

  it('textPair null keeps a pair-looking file single-text', () => {
    expect(resolveColumns(['question', 'sentence', 'label'], { textPair: null })).toEqual({ ok: true, columns: { text: 'sentence', label: 'label' } });
  });

  it('one column cannot be two things', () => {
    expect(resolveColumns(['a', 'b'], { text: 'a', label: 'A' })).toMatchObject({ ok: false, role: 'label', message: 'column "a" is given for both the text and the label; one column cannot be two things' });
  });

  it('an unguessable file says how to choose', () => {
    const resolved = resolveColumns(['sms', 'label']);
    expect(resolved).toMatchObject({ ok: false, role: 'text' });
    expect(!resolved.ok && resolved.message).toContain('with --columns text=NAME,label=NAME, or in the run config\'s data.columns');
  });
});

describe('the column report', () => {
  it('says what the file has, what was chosen and what was given', async () => {
    const dataset = await loadDataset({ task: 'classification', train: memorySource('r.csv', REVIEWS), split: false });
    expect(dataset.valid).toBe(true);
    expect(dataset.columns).toEqual({ available: ['review_body', 'stars_sentiment'], chosen: { text: 'review_body', label: 'stars_sentiment' }, given: [] });
  });

  it('reports the columns of a file it could not map, so that a person can choose', async () => {
    const dataset = await loadDataset({ task: 'classification', train: memorySource('s.csv', 'sms,spam\nhi there,0\nwin money,1\n'), split: false });
    expect(dataset.valid).toBe(false);
    expect(dataset.columns).toEqual({ available: ['sms', 'spam'], chosen: {}, given: [] });
    const mapped = await loadDataset({ task: 'classification', train: memorySource('s.csv', 'sms,spam\nhi there,0\nwin money,1\n'), read: { columns: { text: 'sms', label: 'spam' } }, split: false });
    expect(mapped.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(mapped.train[1]).toEqual({ text: 'win money', label: '1', line: 3 });
    expect(mapped.columns).toEqual({ available: ['sms', 'spam'], chosen: { text: 'sms', label: 'spam' }, given: ['text', 'label'] });
  });

  it('JSON lines: the fields of the first record', async () => {
    const jsonl = '{"id": 1, "utterance": "book a flight", "intent": "travel"}\n{"id": 2, "utterance": "play jazz", "intent": "music"}\n';
    const dataset = await loadDataset({ task: 'classification', train: memorySource('i.jsonl', jsonl), split: false });
    expect(dataset.columns).toEqual({ available: ['id', 'utterance', 'intent'], chosen: { text: 'utterance', label: 'intent' }, given: [] });
  });

  it('NER JSON lines: the tokens and tags fields, guessed or given', async () => {
    const jsonl = '{"words": ["Paris", "is", "big"], "tags": ["B-LOC", "O", "O"], "pos": ["N", "V", "A"]}\n';
    const guessed = await loadDataset({ task: 'ner', train: memorySource('n.jsonl', jsonl), split: false });
    expect(guessed.train[0]?.tokens).toEqual(['Paris', 'is', 'big']);
    expect(guessed.columns).toEqual({ available: ['words', 'tags', 'pos'], chosen: { tokens: 'words', tags: 'tags' }, given: [] });
    const given = await loadDataset({ task: 'ner', train: memorySource('n.jsonl', jsonl), read: { columns: { tags: 'pos' } }, split: false });
    expect(given.problems[0]).toMatchObject({ code: 'bad-tag', field: 'pos[0]' }); // "N" is no tag: the given field was read
    const missing = await loadDataset({ task: 'ner', train: memorySource('n.jsonl', jsonl), read: { columns: { tokens: 'text' } }, split: false });
    expect(missing.problems[0]).toMatchObject({ code: 'missing-column', field: 'text', message: expect.stringContaining('missing field "text" (given for the tokens)') });
  });
});

describe('label names', () => {
  const SST = 'sentence\tlabel\ngood\t1\nbad\t0\nfine\t1\nawful\t0\n';

  it('renames labels everywhere, ids following the labels as written', async () => {
    const dataset = await loadDataset({ task: 'classification', train: memorySource('s.tsv', SST), read: { labelNames: { '0': 'negative', '1': 'positive' } }, split: false });
    expect(dataset.labels).toEqual(['negative', 'positive']);
    expect(dataset.labelsAsWritten).toEqual(['0', '1']);
    expect(dataset.train.map((e) => e.label)).toEqual(['positive', 'negative', 'positive', 'negative']);
    expect(dataset.stats.train.labels).toEqual({ positive: 2, negative: 2 });
    const swapped = await loadDataset({ task: 'classification', train: memorySource('s.tsv', SST), read: { labelNames: { '0': 'zebra', '1': 'aardvark' } }, split: false });
    expect(swapped.labels).toEqual(['zebra', 'aardvark']); // id 0 is still "0"
  });

  it('renames the validation file the same way', async () => {
    const dataset = await loadDataset({
      task: 'classification',
      train: memorySource('t.tsv', SST),
      validation: memorySource('v.tsv', 'sentence\tlabel\nok\t1\nmeh\t0\n'),
      read: { labelNames: { '0': 'negative', '1': 'positive' } },
    });
    expect(dataset.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(dataset.validation.map((e) => e.label)).toEqual(['positive', 'negative']);
  });

  it('refuses a name that is another label of the file, and warns about labels the file does not have', async () => {
    const dataset = await loadDataset({ task: 'classification', train: memorySource('s.tsv', SST), read: { labelNames: { '0': '1', '7': 'seven' } }, split: false });
    expect(dataset.problems).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ severity: 'error', code: 'label-name-taken', message: expect.stringContaining('renames "0" to "1", which is already a label of the file') }),
        expect.objectContaining({ severity: 'warning', code: 'unknown-label-name', message: expect.stringContaining('renames "7", which no example of the file has') }),
      ]),
    );
  });

  it('a label called "constructor" is a label like any other', async () => {
    const dataset = await loadDataset({ task: 'classification', train: memorySource('s.csv', 'text,label\na,constructor\nb,toString\n'), read: { labelNames: { toString: 'text' } }, split: false });
    expect(dataset.labels).toEqual(['constructor', 'text']);
  });
});
