import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { ProblemLog } from '../problems';
import { fileSource } from '../read-node';
import { readNerFile } from './read';
import { detectScheme, entitySpans, parseTag, toIob2, type Tag } from './tags';

const VALID = join(__dirname, '../testdata/valid');
const tags = (...names: string[]): Tag[] => names.map((n) => parseTag(n)!);

describe('tag schemes', () => {
  it('detects IOB1 (entities start with I-) and converts it', () => {
    const sentence = tags('I-PER', 'I-PER', 'O', 'I-PER', 'B-PER', 'I-PER');
    expect(detectScheme([sentence])).toBe('IOB1');
    expect(toIob2(sentence, 'IOB1')).toEqual({ tags: ['B-PER', 'I-PER', 'O', 'B-PER', 'B-PER', 'I-PER'], repairs: [] });
  });

  it('detects IOB2 and repairs a stray I- with a report', () => {
    const sentence = tags('B-PER', 'I-PER', 'O', 'I-LOC');
    expect(detectScheme([sentence, tags('B-LOC')])).toBe('IOB2');
    expect(toIob2(sentence, 'IOB2')).toEqual({ tags: ['B-PER', 'I-PER', 'O', 'B-LOC'], repairs: [{ index: 3, message: expect.stringContaining('"I-LOC" follows "O"') }] });
  });

  it('converts BIOES and BILOU', () => {
    const sentence = tags('B-LOC', 'I-LOC', 'E-LOC', 'S-PER', 'O', 'U-ORG', 'B-X', 'L-X');
    expect(detectScheme([sentence])).toBe('BIOES');
    expect(toIob2(sentence, 'BIOES')).toEqual({ tags: ['B-LOC', 'I-LOC', 'I-LOC', 'B-PER', 'O', 'B-ORG', 'B-X', 'I-X'], repairs: [] });
  });

  it('reports BIOES entities that do not close or start properly', () => {
    const { repairs } = toIob2(tags('B-LOC', 'O', 'E-PER'), 'BIOES');
    expect(repairs.map((r) => r.index)).toEqual([0, 2]);
  });

  it('finds entity spans', () => {
    expect(entitySpans(['B-PER', 'I-PER', 'B-PER', 'O', 'B-LOC', 'I-ORG'])).toEqual([
      { type: 'PER', start: 0, end: 2 },
      { type: 'PER', start: 2, end: 3 },
      { type: 'LOC', start: 4, end: 5 },
    ]);
  });

  it('rejects tags that are not BIO', () => {
    expect(['PER', 'B', 'b-PER', 'O-PER'].map(parseTag)).toEqual([undefined, undefined, undefined, undefined]);
  });
});

describe('readNerFile', () => {
  it('reads an IOB1 CoNLL file into IOB2', async () => {
    const file = await readNerFile(fileSource(join(VALID, 'ner-iob1.conll')), {}, new ProblemLog());
    expect(file.scheme).toBe('IOB1');
    expect(file.examples.map((e) => e.tags)).toEqual([
      ['B-PER', 'I-PER', 'O', 'B-PER', 'B-PER', 'I-PER'],
      ['O', 'B-LOC', 'I-LOC'],
    ]);
    expect(file.examples.map((e) => e.line)).toEqual([1, 8]);
  });

  it('reads BIOES JSON lines into IOB2', async () => {
    const file = await readNerFile(fileSource(join(VALID, 'ner-bioes.jsonl')), {}, new ProblemLog());
    expect(file.scheme).toBe('BIOES');
    expect(file.examples.map((e) => e.tags)).toEqual([['B-LOC', 'I-LOC', 'O', 'O'], ['B-PER', 'O', 'B-LOC']]);
  });

  it('reads tag ids with the tag names given', async () => {
    const tagNames = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'];
    const log = new ProblemLog();
    const file = await readNerFile(fileSource(join(VALID, 'ner-ids.jsonl')), { tagNames }, log);
    expect(log.list()).toEqual([]);
    expect(file.examples.map((e) => e.tags)).toEqual([['B-ORG', 'O', 'B-MISC'], ['B-PER', 'I-PER']]);
  });
});
