import { describe, expect, it } from 'vitest';
import { parseRunConfig } from './run-config';
import { parseDataColumns, parseLabelNames } from './run-data';

/** What a parser returns and the issues it reports, as "field: text". */
function parsed<T>(parse: (value: unknown, task: string | undefined, problem: (field: string, text: string) => void) => T, value: unknown, task: string) {
  const issues: string[] = [];
  const result = parse(value, task, (field, text) => issues.push(`${field}: ${text}`));
  return { result, issues };
}

describe('data.columns and data.label_names', () => {
  it('keep the mapping and the names in the parsed config', () => {
    const data = { train: 'r.csv', columns: { text: 'review_body', text_pair: null, label: 'stars' }, label_names: { '0': 'negative', '1': ' positive ' } };
    expect(parseRunConfig({ task: 'classification', model: { preset: 'bert-tiny' }, data }).data).toEqual({
      train: 'r.csv',
      columns: { text: 'review_body', text_pair: null, label: 'stars' },
      label_names: { '0': 'negative', '1': 'positive' },
    });
    expect(parsed(parseDataColumns, { tokens: 'words', tags: 'labels' }, 'ner')).toEqual({ result: { tokens: 'words', tags: 'labels' }, issues: [] });
  });

  it('name every mistake in the columns by its field', () => {
    expect(parsed(parseDataColumns, { text: 'a', label: 'a', tokens: 'x', text_pair: 3 }, 'classification').issues).toEqual([
      'data.columns.label: column "a" is already the text; one column cannot be two things',
      'data.columns.tokens: is not a column role for classification; one of text, text_pair, label',
      'data.columns.text_pair: must be the name of a column in the file, got 3',
    ]);
    expect(parsed(parseDataColumns, { text: 'x' }, 'qa').issues).toEqual(['data.columns: qa data has no columns to choose']);
  });

  it('name every mistake in the label names by its field', () => {
    expect(parsed(parseLabelNames, { '0': 'same', '1': 'same', '2': '' }, 'classification').issues).toEqual([
      'data.label_names.1: "1" and "0" are both renamed "same"; two labels cannot share a name',
      'data.label_names.2: must be the label\'s new name, got ""',
    ]);
    expect(parsed(parseLabelNames, { a: 'b' }, 'ner').issues).toEqual(['data.label_names: renames classification labels; ner has none to rename']);
  });
});
