// The model card: Hub front matter, every training setting, the data set and its size, the
// final and best metrics, the loss curve in four numbers, and loading instructions.
import { describe, expect, it } from 'vitest';
import { presetConfig, withLabels } from '../model/config';
import { formatNumber, modelCard, type ModelCardInput } from './model-card';
import { bestEvaluation, lastEvaluation, lossCurve, type LogRow } from './training-summary';

const rows: LogRow[] = [
  ...Array.from({ length: 20 }, (_, i) => ({ step: (i + 1) * 5, epoch: (i + 1) / 10, loss: 1.1 - i * 0.05, learning_rate: 2e-5, grad_norm: 1.5 })),
  { step: 50, epoch: 1, eval_loss: 0.6, eval_accuracy: 0.8, eval_f1: 0.78, eval_runtime: 3.2 },
  { step: 100, epoch: 2, eval_loss: 0.55, eval_accuracy: 0.86, eval_f1: 0.85, eval_runtime: 3.1 },
];

function input(overrides: Partial<ModelCardInput> = {}): ModelCardInput {
  return {
    title: 'sst2 | mini',
    config: withLabels(presetConfig('bert-mini'), ['negative', 'positive']),
    head: 'sequence-classification',
    architecture: 'BertForSequenceClassification',
    parameters: 11_171_074,
    baseModel: 'google/bert_uncased_L-4_H-256_A-4',
    dataset: { name: 'sst2-sample', trainFile: 'train.csv', trainExamples: 1800, validationExamples: 200, validationFrom: 'split' },
    training: { learning_rate: 3e-5, num_train_epochs: 2, batch_size: 16, lr_scheduler_type: 'linear', warmup_ratio: 0.1, freeze_layers: 0, frozen_layers: [], dropout: null },
    run: { id: 'run-1', backend: 'wasm', trainSeconds: 754 },
    metrics: rows,
    metricForBestModel: 'eval_f1',
    ...overrides,
  };
}

describe('training summary', () => {
  it('reads the loss at start, quarter, half and end, and the last and best evaluation', () => {
    expect(lossCurve(rows).map((p) => [p.at, p.step])).toEqual([['start', 5], ['25%', 30], ['50%', 50], ['end', 100]]);
    expect(lastEvaluation(rows)).toEqual({ step: 100, metrics: { eval_loss: 0.55, eval_accuracy: 0.86, eval_f1: 0.85 } });
    expect(bestEvaluation(rows, 'eval_loss')).toEqual({ name: 'eval_loss', value: 0.55, step: 100 });
    expect(bestEvaluation(rows, 'eval_f1')?.value).toBe(0.85);
    expect(lossCurve([])).toEqual([]);
  });
});

describe('model card', () => {
  const card = modelCard(input());

  it('starts with the Hub front matter', () => {
    const front = card.split('---')[1]!;
    expect(front).toContain('library_name: transformers');
    expect(front).toContain('base_model: google/bert_uncased_L-4_H-256_A-4');
    const pinned = modelCard(input({ baseCommit: '0123456789abcdef0123456789abcdef01234567' }));
    expect(pinned).toContain('**Base model:** [google/bert_uncased_L-4_H-256_A-4](https://huggingface.co/google/bert_uncased_L-4_H-256_A-4) at commit [`0123456789`](https://huggingface.co/google/bert_uncased_L-4_H-256_A-4/tree/0123456789abcdef0123456789abcdef01234567)');
    expect(front).toContain('pipeline_tag: text-classification');
    expect(front).toContain('tags:\n- bert\n- text-classification\n- bert-workbench');
    expect(front).toContain('datasets:\n- sst2-sample');
    expect(front).toContain('metrics:\n- accuracy\n- f1');
    expect(front).not.toContain('- loss');
  });

  it('states the task, base model, data, every setting, results, curve and usage', () => {
    expect(card).toContain('# sst2 | mini');
    expect(card).toContain('fine-tuned for text classification');
    expect(card).toContain('`negative`, `positive`');
    expect(card).toContain('[google/bert_uncased_L-4_H-256_A-4](https://huggingface.co/google/bert_uncased_L-4_H-256_A-4)');
    expect(card).toContain('`train.csv` — 1,800 examples');
    expect(card).toContain('held out from the training file — 200 examples');
    for (const setting of ['learning_rate` | 0.00003', 'num_train_epochs` | 2', 'lr_scheduler_type` | linear', 'frozen_layers` | []', 'dropout` | —']) expect(card).toContain(setting);
    expect(card).toContain('| f1 | 0.85 |');
    expect(card).toContain('Best evaluation: **f1 = 0.85** at step 100.');
    expect(card).toContain('| start | 5 | 0.1 | 1.1 |');
    expect(card).toContain('| end | 100 | 2 | 0.15 |');
    expect(card).toContain('backend wasm, 13 min of training');
    expect(card).toContain('pipeline("text-classification", model="path/to/this/folder")');
    expect(card).toContain('bert-workbench predict --model path/to/this/folder');
  });

  it('says what it does not know, and describes other tasks', () => {
    const bare = modelCard(input({ baseModel: undefined, baseDescription: 'the bert-mini preset, randomly initialised', dataset: undefined, metrics: [], training: {}, run: undefined, metricForBestModel: undefined }));
    expect(bare).not.toContain('base_model:');
    expect(bare).toContain('**Base model:** the bert-mini preset, randomly initialised');
    expect(bare).toContain('No evaluation was recorded.');
    const qa = modelCard(input({ head: 'question-answering', architecture: 'BertForQuestionAnswering' }));
    expect(qa).toContain('pipeline_tag: question-answering');
    expect(qa).toContain('qa(question=');
    expect(qa).not.toContain('**Labels');
    expect(formatNumber(0.912345)).toBe('0.9123');
  });
});
