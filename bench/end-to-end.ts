// The run users feel: fine-tuning a preset from random initialisation on the SST-2 sample
// that ships with the app (1,800 training sentences after the app's 10% validation
// split), batch 16, dynamic padding, one epoch, through the app's own data path
// (datasets/ -> featurizer -> Trainer, AdamW, dropout, clipping). The wall time is the
// training loop's (Trainer.train), the peak RSS the process's.
//
// The same batches go to bench/pytorch_end_to_end.py (a features file in training
// order, no shuffling), so both sides train the same model on the same batch
// composition; and the time estimate (core/train/run-time-estimate.ts, from a throughput
// probe run first in this process) is recorded next to the actual time.
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import * as tf from '../core/tf';
import { countParameters, presetConfig, type PresetName } from '../core/model/config';
import { probeThroughput } from '../core/backend/throughput-probe';
import { parseRunConfig } from '../core/train/run-config';
import { estimateRunSeconds } from '../core/train/run-time-estimate';
import { Trainer } from '../core/train/trainer';
import { setUpRun } from '../electron/runs/training-setup';
import { peakRssMb } from './peak-rss-node';

export const SST2_SAMPLE = path.join(import.meta.dirname, '..', 'datasets', 'samples', 'sst2', 'train.tsv');

export interface EndToEndOptions {
  preset: PresetName;
  /** Training sentences used (the first of the sample's 1,800 training ones). */
  examples: number;
  batchSize: number;
  gradientCheckpointing?: boolean;
  /** Where to write the batches for the PyTorch side (JSON), if anywhere. */
  featuresOut?: string;
}

export interface EndToEndResult {
  name: 'end-to-end';
  preset: PresetName;
  backend: string;
  examples: number;
  batch_size: number;
  steps: number;
  /** Mean of the batches' padded lengths (dynamic padding: each batch's longest example). */
  mean_batch_length: number;
  wall_s: number;
  peak_rss_mb: number;
  /** The time estimate for the same batches, from a throughput probe before training. */
  estimate_s: number;
  gradient_checkpointing: boolean;
}

/** The settings of the run, shared with the PyTorch loop (written into the features file). */
export const END_TO_END_TRAINING = { num_train_epochs: 1, learning_rate: 2e-5, warmup_ratio: 0.1, weight_decay: 0.01, max_grad_norm: 1, max_seq_length: 128, shuffle: false, seed: 42 } as const;

export async function benchEndToEnd(opts: EndToEndOptions): Promise<EndToEndResult> {
  const config = parseRunConfig({
    task: 'classification',
    model: { preset: opts.preset },
    data: { train: SST2_SAMPLE },
    training: { ...END_TO_END_TRAINING, batch_size: opts.batchSize, logging_steps: 1_000_000, gradient_checkpointing: opts.gradientCheckpointing ?? false },
  });
  const setup = await setUpRun(config);
  try {
    const train = setup.train.slice(0, opts.examples);
    if (train.length < opts.examples) throw new Error(`the SST-2 sample has ${train.length} training sentences, fewer than ${opts.examples}`);
    const lengths: number[] = [];
    for (let i = 0; i < train.length; i += opts.batchSize) lengths.push(Math.max(...train.slice(i, i + opts.batchSize).map((f) => f.inputIds.length)));
    if (opts.featuresOut) {
      const batches = { training: { ...END_TO_END_TRAINING, batch_size: opts.batchSize }, preset: opts.preset, num_labels: 2, features: train.map((f) => ({ input_ids: f.inputIds, label: f.label })) };
      await writeFile(opts.featuresOut, JSON.stringify(batches));
    }
    const probe = await probeThroughput();
    const model = presetConfig(opts.preset);
    const parameters = countParameters(model, { head: 'sequence-classification', pooler: true });
    const batches = lengths.map((seqLen, i) => ({ batchSize: Math.min(opts.batchSize, train.length - i * opts.batchSize), seqLen }));
    const estimate = estimateRunSeconds(model, { batchSize: opts.batchSize, gradientCheckpointing: opts.gradientCheckpointing ?? false }, batches, probe, parameters);
    const trainer = new Trainer({ model: setup.model, train, settings: config.training });
    const started = performance.now();
    const result = await trainer.train();
    const wall = (performance.now() - started) / 1000;
    return {
      name: 'end-to-end',
      preset: opts.preset,
      backend: tf.getBackend(),
      examples: train.length,
      batch_size: opts.batchSize,
      steps: result.globalStep,
      mean_batch_length: lengths.reduce((a, b) => a + b, 0) / lengths.length,
      wall_s: wall,
      peak_rss_mb: peakRssMb(),
      estimate_s: estimate,
      gradient_checkpointing: opts.gradientCheckpointing ?? false,
    };
  } finally {
    setup.model.dispose();
  }
}
