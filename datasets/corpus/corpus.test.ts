// Pre-training corpora: create_pretraining_data's text layout, a table's text column,
// their statistics under a vocabulary, the held-out split by document, and clear problems.
import { describe, expect, it } from 'vitest';
import { BertTokenizer } from '../../core/tokenizer';
import { loadDataset } from '../load';
import { ProblemLog } from '../problems';
import { memorySource } from '../source';
import { summarizeDataset } from '../summary';
import { readCorpusFile, splitSentences } from './read';

const read = async (name: string, text: string, options = {}) => {
  const log = new ProblemLog();
  const file = await readCorpusFile(memorySource(name, text, 7), options, log);
  return { ...file, problems: log.list() };
};

const VOCAB = ['[PAD]', '[UNK]', '[CLS]', '[SEP]', '[MASK]', 'the', 'cat', 'sat', 'on', 'mat', 'a', 'dog', '.', 'ran', '##s'].join('\n');
const tokenizer = BertTokenizer.fromVocabText(VOCAB, { doLowerCase: true });

describe('reading a corpus', () => {
  it('reads one sentence per line and a blank line between documents, with each document\'s first line', async () => {
    const { examples, format, problems } = await read('corpus.txt', 'The cat sat.\r\nOn the mat.\n\n\n  A dog ran.  \n\nThe end, finally.\n');
    expect(format).toBe('text');
    expect(problems).toEqual([]);
    expect(examples).toEqual([
      { sentences: ['The cat sat.', 'On the mat.'], line: 1 },
      { sentences: ['A dog ran.'], line: 5 },
      { sentences: ['The end, finally.'], line: 7 },
    ]);
  });

  it('takes a file without blank lines as one document per line (run_mlm line_by_line)', async () => {
    const { examples } = await read('lines.txt', 'first text, with a comma\nsecond text\nthird\n');
    expect(examples).toEqual([
      { sentences: ['first text, with a comma'], line: 1 },
      { sentences: ['second text'], line: 2 },
      { sentences: ['third'], line: 3 },
    ]);
  });

  it('reads the text column of a TSV (SST-2 without its labels) and of JSON lines, splitting sentences', async () => {
    const tsv = await read('train.tsv', 'sentence\tlabel\nit is good . really\t1\nA cat sat. A dog ran! Then?\t0\n');
    expect(tsv.format).toBe('tsv');
    expect(tsv.examples).toEqual([
      { sentences: ['it is good .', 'really'], line: 2 },
      { sentences: ['A cat sat.', 'A dog ran!', 'Then?'], line: 3 },
    ]);
    const jsonl = await read('notes.json', '{"id": 1, "text": "One. Two."}\n{"id": 2, "text": ""}\n{"id": 3, "text": 5}\n');
    expect(jsonl.format).toBe('jsonl');
    expect(jsonl.examples).toEqual([{ sentences: ['One.', 'Two.'], line: 1 }]);
    expect(jsonl.problems).toEqual([expect.objectContaining({ severity: 'error', code: 'not-text', line: 3, field: 'text' })]);
  });

  it('names the column it needs, and reads a stated one', async () => {
    const missing = await read('t.csv', 'a,b\n1,2\n');
    expect(missing.problems[0]).toMatchObject({ severity: 'error', code: 'missing-column', line: 1 });
    expect(missing.problems[0]!.message).toContain('no text column');
    const stated = await read('t.csv', 'a,body_text\n1,"Hello there. Bye."\n', { textColumn: 'body_text' });
    expect(stated.examples).toEqual([{ sentences: ['Hello there.', 'Bye.'], line: 2 }]);
  });

  it('refuses an empty file and one with only blank lines', async () => {
    expect((await read('e.txt', '')).problems).toEqual([expect.objectContaining({ code: 'empty-file' })]);
    expect((await read('e.txt', '\n  \n\n')).problems).toEqual([expect.objectContaining({ code: 'empty-file' })]);
  });

  it('splits sentences after . ! ? with closing quotes', () => {
    expect(splitSentences('He said "go." She went! Why? ok')).toEqual(['He said "go."', 'She went!', 'Why?', 'ok']);
  });
});

describe('a corpus as a data set', () => {
  const text = Array.from({ length: 40 }, (_, d) => `the cat sat on the mat .\nthe dog ran ${d % 2 ? 'zebra' : 'a'} .`).join('\n\n');

  it('counts documents, sentences, word pieces and [UNK]s, and holds out whole documents (5% by default)', async () => {
    const dataset = await loadDataset({ task: 'mlm', train: memorySource('c.txt', text), tokenizer, maxSeqLength: 8 });
    expect(dataset.valid).toBe(true);
    expect(dataset.validationFrom).toBe('split');
    expect(dataset.validation).toHaveLength(2);
    expect(dataset.train).toHaveLength(38);
    const all = [...dataset.train, ...dataset.validation].map((d) => d.line).sort((a, b) => a - b);
    expect(new Set(all).size).toBe(40);
    const { train } = dataset.stats;
    expect(train).toMatchObject({ documents: 38, sentences: 76, multiSentenceDocuments: 38 });
    // "the cat sat on the mat ." = 7 pieces, "the dog ran a ." = 5 pieces ("zebra" is one [UNK]).
    expect(train.tokens).toBe(38 * 12);
    const zebras = dataset.train.filter((d) => d.sentences[1]!.includes('zebra')).length;
    expect(train.unknownTokens).toBe(zebras);
    expect(train.unknownRate).toBeCloseTo(zebras / (38 * 12), 10);
    expect(train.lengths).toMatchObject({ count: 76, min: 5, max: 7, maxSeqLength: 8, overMax: 0 });
    // [UNK] over 1% of the pieces is worth a warning.
    expect(dataset.problems.map((p) => p.code)).toEqual(['unknown-tokens']);
    expect(summarizeDataset(dataset, { train: 'c.txt' })).toContain('38 documents, 76 sentences (38 documents of two or more sentences)');
  });

  it('warns that next-sentence prediction has nothing to learn from one-sentence documents', async () => {
    const dataset = await loadDataset({ task: 'mlm', train: memorySource('s.tsv', 'sentence\tlabel\nthe cat sat\t1\nthe dog ran\t0\n'), tokenizer });
    expect(dataset.problems).toEqual([expect.objectContaining({ severity: 'warning', code: 'no-sentence-pairs' })]);
    expect(dataset.valid).toBe(true);
  });
});
