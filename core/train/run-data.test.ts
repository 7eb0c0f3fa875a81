import { describe, expect, it } from 'vitest';
import { parseRunConfig, RunConfigError } from './run-config';

const base = { task: 'classification', model: { preset: 'bert-tiny' } };

function issuesOf(input: unknown): string[] {
  try {
    parseRunConfig(input);
  } catch (error) {
    if (error instanceof RunConfigError) return error.issues.map((issue) => issue.message);
    throw error;
  }
  return [];
}

describe('data.columns and data.label_names', () => {
  it('keep the mapping and the names', () => {
    const data = { train: 'r.csv', columns: { text: 'review_body', text_pair: null, label: 'stars' }, label_names: { '0': 'negative', '1': ' positive ' } };
    expect(parseRunConfig({ ...base, data }).data).toEqual({ train: 'r.csv', columns: { text: 'review_body', text_pair: null, label: 'stars' }, label_names: { '0': 'negative', '1': 'positive' } });
    expect(parseRunConfig({ task: 'ner', model: base.model, data: { train: 'n.jsonl', columns: { tokens: 'words', tags: 'labels' } } }).data.columns).toEqual({ tokens: 'words', tags: 'labels' });
  });

  it('name every mistake by its field', () => {
    expect(issuesOf({ ...base, data: { train: 'r.csv', columns: { text: 'a', label: 'a', tokens: 'x', text_pair: 3 } } })).toEqual([
      'data.columns.label: column "a" is already the text; one column cannot be two things',
      'data.columns.tokens: is not a column role for classification; one of text, text_pair, label',
      'data.columns.text_pair: must be the name of a column in the file, got 3',
    ]);
    expect(issuesOf({ ...base, task: 'qa', data: { train: 'q.json', columns: { text: 'x' } } })).toEqual(['data.columns: qa data has no columns to choose']);
    expect(issuesOf({ ...base, data: { train: 'r.csv', label_names: { '0': 'same', '1': 'same', '2': '' } } })).toEqual([
      'data.label_names.1: "1" and "0" are both renamed "same"; two labels cannot share a name',
      'data.label_names.2: must be the label\'s new name, got ""',
    ]);
    expect(issuesOf({ ...base, task: 'ner', data: { train: 'n.conll', label_names: { a: 'b' } } })).toEqual(['data.label_names: renames classification labels; ner has none to rename']);
  });
});
