// The run config's distillation section: defaults, resolved paths, and every error naming its field.
import { describe, expect, it } from 'vitest';
import { parseRunConfig, RunConfigError } from './run-config';

const student = { task: 'classification', model: { preset: 'bert-tiny' }, data: { train: 'train.tsv' } };

function issuesOf(input: unknown): string[] {
  try {
    parseRunConfig(input, { resolvePath: (p) => `/base/${p}` });
  } catch (error) {
    if (error instanceof RunConfigError) return error.issues.map((issue) => issue.message);
    throw error;
  }
  return [];
}

describe('run config distillation', () => {
  it('fills temperature 2 and alpha 0.5, resolves the teacher and unlabelled paths, and reads back the same', () => {
    const config = parseRunConfig({ ...student, distillation: { teacher: 'runs/teacher', unlabelled: 'extra.txt' } }, { resolvePath: (p) => `/base/${p}` });
    expect(config.distillation).toEqual({ teacher: '/base/runs/teacher', temperature: 2, alpha: 0.5, unlabelled: '/base/extra.txt' });
    expect(parseRunConfig(JSON.parse(JSON.stringify(config)))).toEqual(config);
    expect(parseRunConfig(student).distillation).toBeUndefined();
  });

  it('names the field of every problem', () => {
    expect(issuesOf({ ...student, distillation: 'teacher' })).toEqual(['distillation: must be an object; give {"teacher": "path/to/finished-run", "temperature": 2, "alpha": 0.5}']);
    expect(issuesOf({ ...student, distillation: { temperature: 0, alpha: 2, beta: 1 } })).toEqual([
      'distillation.beta: is not a distillation setting; one of teacher, temperature, alpha, unlabelled',
      'distillation.teacher: missing; give {"teacher": "path/to/finished-run", "temperature": 2, "alpha": 0.5}',
      'distillation.temperature: must be > 0, got 0',
      'distillation.alpha: must be between 0 and 1, got 2',
    ]);
    expect(issuesOf({ ...student, distillation: { teacher: 'x', temperature: '2' } })).toEqual(['distillation.temperature: must be a number, got "2"']);
    expect(issuesOf({ ...student, task: 'mlm', data: { train: 'corpus.txt' }, distillation: { teacher: 'x' } })).toEqual(['distillation: the mlm task cannot be distilled; one of classification, ner, qa']);
    expect(issuesOf({ ...student, task: 'qa', data: { train: 'squad.json' }, distillation: { teacher: 'x', unlabelled: 'more.txt' } })).toEqual([
      'distillation.unlabelled: unlabelled text is for classification and ner; qa examples need a question and a context',
    ]);
  });
});
