import { describe, expect, it } from 'vitest';
import type { RunRecord, TrainingSettings } from '../../../electron/contract';
import { baselineConfig, fineTuneDraft } from './fine-tune';
import { draftFromConfig } from './run-config';
import { startingRun } from './run-info';

const settings = { learning_rate: 2e-5, batch_size: 16, max_seq_length: 128, next_sentence_prediction: true } as unknown as TrainingSettings;
const defaults = { settings, taskDefaults: { classification: {}, ner: {}, qa: { max_seq_length: 384 }, mlm: {} } };
const pretraining = { id: 'run-1', name: 'pubmed', config: { task: 'mlm', model: { preset: 'bert-mini' }, data: { train: '/c.txt' }, training: { next_sentence_prediction: false } } } as unknown as RunRecord;

describe('fine-tune from a pre-training run', () => {
  it('starts a classification draft from the run’s final model, remembering where the pre-training started', () => {
    const draft = fineTuneDraft(pretraining, '/runs/run-1/model', defaults);
    expect(draft).toMatchObject({ task: 'classification', data: null, model: { checkpoint: '/runs/run-1/model' }, fineTuneOf: { runId: 'run-1', baseline: { preset: 'bert-mini' }, compare: true } });
    expect(draft.training).toEqual(settings); // the fine-tune's defaults, not the pre-training's settings
  });

  it('the comparison run is the same config from the pre-training run’s starting model', () => {
    const draft = { ...fineTuneDraft(pretraining, '/runs/run-1/model', defaults), data: { train: '/sst2.tsv' }, training: { ...settings, learning_rate: 1e-4 } };
    const config = baselineConfig(draft, draft.fineTuneOf, defaults);
    expect(config).toEqual({ task: 'classification', model: { preset: 'bert-mini' }, data: { train: '/sst2.tsv' }, training: { learning_rate: 1e-4 } });
  });

  it('finds the pre-training run a fine-tune starts from', () => {
    const fineTune = { config: { model: { checkpoint: '/home/me/.bert-workbench/runs/run-1/model' } } } as unknown as RunRecord;
    expect(startingRun(fineTune, [pretraining])?.name).toBe('pubmed');
    expect(startingRun({ config: { model: { preset: 'bert-mini' } } }, [pretraining])).toBeUndefined();
  });

  it('duplicate-and-edit of a pre-training run keeps its task (and reads the pretraining alias)', () => {
    expect(draftFromConfig(pretraining.config, defaults).task).toBe('mlm');
    expect(draftFromConfig({ ...pretraining.config, task: 'pretraining' }, defaults).task).toBe('mlm');
    expect(draftFromConfig({ ...pretraining.config, task: 'constructor' }, defaults).task).toBe('classification');
  });
});
