// Importing Trainer output folders written here in Transformers' real layout: the
// log_history becomes metrics.jsonl as it is, trainer_state.json and config.json become
// run.json, the final model becomes model/ (and exports), and checkpoint-only folders use
// the latest checkpoint's state.
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../core/tf';
import { referenceCheckpointDir } from '../../core/model/testing';
import { exportRun } from './export-run';
import { RunStore } from './run-store';
import { importTrainerRun } from './trainer-import';

let scratch: string;
let store: RunStore;

const logHistory = [
  { epoch: 0.5, grad_norm: 4.1, learning_rate: 4e-5, loss: 0.6931, step: 10 },
  { epoch: 1.0, grad_norm: 3.2, learning_rate: 3e-5, loss: 0.52, step: 20 },
  { epoch: 1.0, eval_accuracy: 0.81, eval_f1: 0.8, eval_loss: 0.45, eval_runtime: 1.9, eval_samples_per_second: 210.3, eval_steps_per_second: 26.3, step: 20 },
  { epoch: 1.5, grad_norm: 2.5, learning_rate: 2e-5, loss: 0.31, step: 30 },
  { epoch: 2.0, grad_norm: 2.2, learning_rate: 1e-5, loss: 0.28, step: 40 },
  { epoch: 2.0, eval_accuracy: 0.79, eval_f1: 0.78, eval_loss: 0.47, eval_runtime: 1.8, eval_samples_per_second: 220.1, eval_steps_per_second: 27.5, step: 40 },
  { epoch: 2.0, step: 40, total_flos: 52_614_938_112, train_loss: 0.45, train_runtime: 61.27, train_samples_per_second: 10.45, train_steps_per_second: 0.653 },
];

function trainerState(globalStep: number, history: object[]): string {
  return JSON.stringify(
    {
      best_global_step: 20,
      best_metric: 0.81,
      best_model_checkpoint: 'out/checkpoint-20',
      epoch: globalStep / 20,
      eval_steps: 20,
      global_step: globalStep,
      is_hyper_param_search: false,
      is_local_process_zero: true,
      is_world_process_zero: true,
      log_history: history,
      logging_steps: 10,
      max_steps: 40,
      num_input_tokens_seen: 0,
      num_train_epochs: 2,
      save_steps: 20,
      stateful_callbacks: {
        EarlyStoppingCallback: { args: { early_stopping_patience: 3, early_stopping_threshold: 0.0 }, attributes: { early_stopping_patience_counter: 1 } },
        TrainerControl: { args: { should_epoch_stop: false, should_evaluate: false, should_log: false, should_save: true, should_training_stop: true }, attributes: {} },
      },
      total_flos: 52_614_938_112,
      train_batch_size: 16,
      trial_name: null,
      trial_params: null,
    },
    null,
    2,
  );
}

beforeAll(async () => {
  await tf.setBackend('cpu');
  scratch = mkdtempSync(path.join(tmpdir(), 'bert-trainer-import-'));
  store = new RunStore(path.join(scratch, 'runs'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('importTrainerRun', () => {
  it('imports output_dir/trainer_state.json with its model, and the run exports', async () => {
    const out = path.join(scratch, 'bert-sst2');
    mkdirSync(out);
    writeFileSync(path.join(out, 'trainer_state.json'), trainerState(40, logHistory));
    const source = referenceCheckpointDir('sequence-classification');
    for (const file of ['config.json', 'model.safetensors', 'vocab.txt', 'tokenizer_config.json']) copyFileSync(path.join(source, file), path.join(out, file));

    const imported = await importTrainerRun(store, out);
    expect(imported.warnings).toEqual([]);
    expect(imported.metricsRows).toBe(logHistory.length);
    expect(imported.modelFiles).toEqual(['config.json', 'model.safetensors', 'vocab.txt', 'tokenizer_config.json']);
    const run = await store.get(imported.run.id);
    expect(run).toMatchObject({
      name: 'bert-sst2',
      origin: 'import',
      status: 'completed',
      train_seconds: 61.27,
      progress: { step: 40, total_steps: 40, epoch: 2 },
      final_metrics: { eval_accuracy: 0.79, eval_f1: 0.78, eval_loss: 0.47 },
      best_metric: { name: 'eval_accuracy', value: 0.81, step: 20 },
      config: {
        task: 'classification',
        training: { num_train_epochs: 2, max_steps: 40, batch_size: 16, logging_steps: 10, eval_steps: 20, save_steps: 20, early_stopping_patience: 3 },
        source: { kind: 'transformers-trainer', path: out, trainer_state: 'trainer_state.json', architectures: ['BertForSequenceClassification'], labels: ['negative', 'neutral', 'positive'] },
      },
    });
    // The rows as they are: the app's charts read the same keys.
    expect(await store.readMetrics(run.id)).toEqual(logHistory);

    const exported = await exportRun(store, run.id, { format: 'hf' });
    expect(exported.parity.ok).toBe(true);
  });

  it('reads the latest checkpoint-N when the folder has no state of its own', async () => {
    const out = path.join(scratch, 'interrupted');
    for (const [step, history] of [[2, logHistory.slice(0, 1)], [10, logHistory.slice(0, 1)], [20, logHistory.slice(0, 3)]] as const) {
      mkdirSync(path.join(out, `checkpoint-${step}`), { recursive: true });
      writeFileSync(path.join(out, `checkpoint-${step}`, 'trainer_state.json'), trainerState(step, history));
    }
    const imported = await importTrainerRun(store, out, { name: 'cut short' });
    expect(imported.stateFile).toBe(path.join(out, 'checkpoint-20', 'trainer_state.json'));
    expect(imported.warnings[0]).toContain('read checkpoint-20/trainer_state.json, the latest checkpoint\'s');
    expect(imported.metricsRows).toBe(3);
    expect(imported.modelFiles).toEqual([]);
    expect(imported.run).toMatchObject({ name: 'cut short', status: 'completed', progress: { step: 20, total_steps: 40 }, final_metrics: { eval_accuracy: 0.81 } });
  });

  it('says what is wrong with a folder that is not a Trainer output', async () => {
    const empty = path.join(scratch, 'empty');
    mkdirSync(empty);
    await expect(importTrainerRun(store, empty)).rejects.toThrow('has no trainer_state.json (nor checkpoint-*/trainer_state.json): is it a Transformers Trainer output_dir?');
    writeFileSync(path.join(empty, 'trainer_state.json'), '{"log_history": ');
    await expect(importTrainerRun(store, empty)).rejects.toThrow('is not readable JSON');
    await expect(importTrainerRun(store, path.join(scratch, 'nowhere'))).rejects.toThrow('does not exist');
  });
});
