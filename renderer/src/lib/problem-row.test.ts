import { describe, expect, it } from 'vitest';
import type { DatasetReport, Problem } from '../../../electron/contract';
import { problemRow } from './problem-row';

const stats = { examples: 0, pairs: 0, labels: {} };
const classification: DatasetReport = {
  task: 'classification',
  files: { train: '/data/train.tsv', validation: '/data/dev.tsv' },
  formats: {},
  validationFrom: 'file',
  labels: ['0', '1'],
  stats: { train: stats, validation: stats },
  problems: [],
  valid: true,
  preview: {
    train: [
      { text: 'a', label: '1', line: 2 },
      { text: 'b', label: '0', line: 3 },
    ],
    validation: [{ text: 'c', label: '0', line: 2 }],
  },
};

const problem = (p: Partial<Problem>): Problem => ({ severity: 'error', code: 'x', file: '/data/train.tsv', message: 'm', ...p });

describe('problemRow', () => {
  it('finds the row by file and line', () => {
    expect(problemRow(classification, problem({ line: 3 }))).toEqual({ split: 'train', index: 1 });
    expect(problemRow(classification, problem({ file: '/data/dev.tsv', line: 2 }))).toEqual({ split: 'validation', index: 0 });
  });

  it('has no row for lines outside the preview or other files', () => {
    expect(problemRow(classification, problem({ line: 900 }))).toBeUndefined();
    expect(problemRow(classification, problem({ file: '/else/x.tsv', line: 2 }))).toBeUndefined();
    expect(problemRow(classification, problem({}))).toBeUndefined();
  });

  it('matches any token line of a CoNLL sentence, and QA records by id', () => {
    const ner = {
      ...classification,
      task: 'ner',
      preview: { train: [{ tokens: ['a', 'b', 'c'], tags: ['O', 'O', 'O'], line: 10, tokenPerLine: true }], validation: [] },
    } as unknown as DatasetReport;
    expect(problemRow(ner, problem({ line: 12 }))).toEqual({ split: 'train', index: 0 });
    expect(problemRow(ner, problem({ line: 13 }))).toBeUndefined();
    const qa = {
      ...classification,
      task: 'qa',
      preview: { train: [{ id: 'q1', question: 'q', context: 'c', answers: [], isImpossible: true }], validation: [] },
    } as unknown as DatasetReport;
    expect(problemRow(qa, problem({ record: 'q1' }))).toEqual({ split: 'train', index: 0 });
  });
});
