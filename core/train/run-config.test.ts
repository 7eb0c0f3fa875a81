import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { defaultRunName, parseRunConfig, RunConfigError } from './run-config';
import { readRunConfigFile } from './run-config-node';
import { DEFAULT_TRAINING_SETTINGS } from './settings';

const minimal = { task: 'classification', model: { preset: 'bert-tiny' }, data: { train: 'train.tsv' } };

function issuesOf(input: unknown): string[] {
  try {
    parseRunConfig(input);
  } catch (error) {
    if (error instanceof RunConfigError) return error.issues.map((issue) => issue.message);
    throw error;
  }
  return [];
}

describe('run config', () => {
  const scratch = mkdtempSync(join(tmpdir(), 'run-config-'));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it('fills every training default and reads back the same', () => {
    const config = parseRunConfig(minimal);
    expect(config).toEqual({ task: 'classification', model: { preset: 'bert-tiny' }, data: { train: 'train.tsv' }, training: DEFAULT_TRAINING_SETTINGS });
    expect(parseRunConfig(JSON.parse(JSON.stringify(config)))).toEqual(config);
    expect(defaultRunName(config)).toBe('classification · bert-tiny');
  });

  it('names the field of every problem', () => {
    expect(issuesOf({ ...minimal, model: { preset: 'bert-huge' } })).toEqual([
      'model.preset: unknown preset "bert-huge"; one of bert-tiny, bert-mini, bert-small, bert-medium, bert-base, bert-large',
    ]);
    expect(issuesOf({ task: 'summarise', model: { checkpoint: 'x', preset: 'bert-tiny' }, data: { format: 'conll' }, training: { learning_rate: -1, epochs: 3 }, extra: 1 })).toEqual([
      'extra: is not a setting here; one of name, task, model, data, training, output_dir, distillation',
      'task: unknown task "summarise"; one of classification, ner, qa, mlm',
      'model: has both checkpoint and preset; give {"hub": "google/bert_uncased_L-2_H-128_A-2"}, {"checkpoint": "path/to/hf-folder"} or {"preset": "bert-tiny"}',
      'data.train: must be the path of the training file, got nothing',
      'training.learning_rate must be > 0, got -1',
      'training.epochs is not a training setting',
    ]);
    expect(issuesOf({ ...minimal, data: { train: 'a.conll', format: 'conll' } })).toEqual(['data.format: "conll" is not a format for classification; one of csv, tsv, jsonl, features']);
    expect(issuesOf([])).toEqual(['a run config must be a JSON object, got []']);
  });

  it('takes a Hub model with a revision (main by default), checking both as path parts', () => {
    const hub = parseRunConfig({ ...minimal, model: { hub: 'google/bert_uncased_L-2_H-128_A-2' } });
    expect(hub.model).toEqual({ hub: 'google/bert_uncased_L-2_H-128_A-2', revision: 'main' });
    expect(parseRunConfig(JSON.parse(JSON.stringify(hub)))).toEqual(hub);
    expect(defaultRunName(hub)).toBe('classification · bert_uncased_L-2_H-128_A-2');
    expect(parseRunConfig({ ...minimal, model: { hub: 'org/m', revision: 'v1.0' } }).model).toEqual({ hub: 'org/m', revision: 'v1.0' });
    expect(issuesOf({ ...minimal, model: { hub: 'org/m', revision: '../..' } })).toEqual([
      'model.revision: "../.." is not a revision (a branch, tag or 40-hex commit such as main, v1.0 or refs/pr/3)',
    ]);
    expect(issuesOf({ ...minimal, model: { hub: '../etc' } })[0]).toContain('model.hub: "../etc" is not a Hugging Face model id');
    expect(issuesOf({ ...minimal, model: { hub: 'a/b', preset: 'bert-tiny' } })[0]).toContain('model: has both hub and preset');
    expect(issuesOf({ ...minimal, model: { preset: 'bert-tiny', revision: 'main' } })).toEqual(['model.revision: belongs to a Hub model ({"hub": ID, "revision": R})']);
  });

  it('gives question answering 384-token windows with a stride of 128, and checks the stride fits', () => {
    const qa = parseRunConfig({ ...minimal, task: 'qa', data: { train: 'train.json' } });
    expect(qa.training).toMatchObject({ max_seq_length: 384, doc_stride: 128 });
    expect(parseRunConfig({ ...minimal, task: 'qa', training: { max_seq_length: 256 } }).training.doc_stride).toBe(128);
    expect(issuesOf({ ...minimal, task: 'qa', training: { max_seq_length: 128 } })).toEqual([
      'training.doc_stride (128) must be smaller than training.max_seq_length (128) for question answering',
    ]);
    expect(parseRunConfig(minimal).training.max_seq_length).toBe(128);
  });

  it('resolves relative paths against the config file\'s folder', async () => {
    const file = join(scratch, 'run.json');
    writeFileSync(file, JSON.stringify({ task: 'ner', model: { checkpoint: '../models/base' }, data: { train: 'data/train.conll', validation: '/abs/dev.conll' }, output_dir: 'out' }));
    const config = await readRunConfigFile(file);
    expect(config.model).toEqual({ checkpoint: join(scratch, '..', 'models', 'base') });
    expect(config.data).toEqual({ train: join(scratch, 'data', 'train.conll'), validation: '/abs/dev.conll' });
    expect(config.output_dir).toBe(join(scratch, 'out'));
    writeFileSync(file, '{"task": ');
    await expect(readRunConfigFile(file)).rejects.toThrow(`${file} is not valid JSON`);
    await expect(readRunConfigFile(join(scratch, 'missing.json'))).rejects.toThrow('no such file');
  });
});
