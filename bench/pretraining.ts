// Does domain pre-training pay? BERT's recipe at the scale of this machine: bert-mini
// pre-trained from random weights (masked LM, packed 64-token blocks: SST-2 sentences
// are single sentences, so no NSP) on the unlabelled SST-2 training sentences for a
// fixed number of steps, then fine-tuned on 2,000 labelled SST-2 sentences (the shipped
// sample) with the same fine-tuning run from random weights beside it; SST-2 dev
// accuracy of both, and fill-mask top-5 accuracy on the dev sentences (one word masked
// in each: text never seen in pre-training) before and after. Every run goes through the
// app's own path: a run folder, setUpRun, the trainer, the final model folder, and the
// fine-tune starts from that folder as "Fine-tune from this run" does.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { initNodeBackend } from '../core/backend/node-backends';
import { loadHfModel } from '../core/checkpoint/hf-folder-node';
import { presetConfig, type PresetName } from '../core/model/config';
import { BertModel } from '../core/model/model';
import { Rng } from '../core/random';
import type { BertTokenizer } from '../core/tokenizer';
import { loadDefaultTokenizer } from '../core/tokenizer/load-node';
import { loadDatasetFiles } from '../datasets/read-node';
import { defaultSamplesDir } from '../datasets/samples-node';
import { fillMask, MASK_TOKEN_TEXT } from '../electron/predict/fill-mask';
import { RunStore } from '../electron/runs/run-store';
import { SST2_FULL_TRAIN } from './data-paths';
import { runTrainingJob } from '../electron/runs/training-job';


export interface PretrainingBenchRow {
  name: 'pretraining';
  preset: PresetName;
  /** What was measured: the pre-training run, a fine-tune, or fill-mask. */
  what: string;
  /** Pre-training optimizer steps (batch × length), or the fine-tune's. */
  steps: number;
  metric: string;
  value: number;
  seed: number;
  seconds: number;
  backend: string;
}

export interface PretrainingBenchOptions {
  preset?: PresetName;
  /** Pre-training optimizer steps at batch 32 × 64 tokens. */
  pretrainSteps?: number;
  seed?: number;
  corpus?: string;
  /** The pre-training run's peak learning rate (default 5e-4). */
  pretrainLearningRate?: number;
  /** Epochs of each fine-tune over the 2,000 sentences (default 3). */
  fineTuneEpochs?: number;
  /** The learning rates each start is fine-tuned with (default FINE_TUNE_LEARNING_RATES). */
  fineTuneLearningRates?: readonly number[];
  onRow?: (row: PretrainingBenchRow) => void;
  log?: (line: string) => void;
}

/** 1,000 steps ≈ 2 epochs of the 1M word pieces of SST-2's sentences; ~30 minutes of native-cpu on an idle 2-core machine. */
export const DEFAULT_PRETRAIN_STEPS = 1_000;
const BATCH = 32;
const SEQ_LEN = 64;
/**
 * Both starts are fine-tuned at each of these rates, so that neither is judged at a rate
 * that suits only the other: from random weights a transformer wants a larger rate than
 * from pre-trained ones (1e-3 vs fine-tuning's usual 1e-4 and below).
 */
export const FINE_TUNE_LEARNING_RATES: readonly number[] = [1e-4, 3e-4, 1e-3];

export async function benchPretraining(opts: PretrainingBenchOptions = {}): Promise<PretrainingBenchRow[]> {
  const { name: backend } = await initNodeBackend();
  const preset = opts.preset ?? 'bert-mini';
  const seed = opts.seed ?? 42;
  const steps = opts.pretrainSteps ?? DEFAULT_PRETRAIN_STEPS;
  const log = opts.log ?? (() => {});
  const root = mkdtempSync(path.join(tmpdir(), 'bench-pretraining-'));
  const store = new RunStore(path.join(root, 'runs'));
  const rows: PretrainingBenchRow[] = [];
  const add = (row: Omit<PretrainingBenchRow, 'name' | 'preset' | 'seed' | 'backend'>) => {
    const full: PretrainingBenchRow = { name: 'pretraining', preset, seed, backend, ...row };
    rows.push(full);
    opts.onRow?.(full);
  };
  const run = async (name: string, config: Record<string, unknown>) => {
    const started = performance.now();
    const id = (await store.create({ name, config, origin: 'cli' })).id;
    let lastLog = 0;
    const record = await runTrainingJob({
      store,
      runId: id,
      onEvent: (event) => {
        if (event.type === 'step' && performance.now() - lastLog > 30_000) {
          lastLog = performance.now();
          log(`${name}: step ${event.step}/${event.total_steps}, loss ${event.loss.toFixed(3)}, ${event.samples_per_second.toFixed(1)} samples/s`);
        }
      },
    });
    if (record.status !== 'completed') throw new Error(`${name} ${record.status}: ${record.error ?? ''}`);
    return { record, dir: store.dir(id), seconds: (performance.now() - started) / 1000 };
  };
  try {
    const samples = defaultSamplesDir();
    const dev = path.join(samples, 'sst2', 'dev.tsv');
    const pretrain = await run('pre-train', {
      task: 'mlm',
      model: { preset },
      data: { train: opts.corpus ?? SST2_FULL_TRAIN },
      training: {
        max_steps: steps,
        batch_size: BATCH,
        max_seq_length: SEQ_LEN,
        // From scratch a transformer wants a larger learning rate than fine-tuning's, with warmup.
        learning_rate: opts.pretrainLearningRate ?? 5e-4,
        warmup_ratio: 0.1,
        next_sentence_prediction: false,
        eval_steps: Math.max(1, Math.floor(steps / 4)),
        save_steps: steps,
        logging_steps: 10,
        seed,
      },
    });
    const metrics = pretrain.record.final_metrics ?? {};
    for (const metric of ['eval_mlm_accuracy', 'eval_perplexity']) add({ what: 'pre-training (held-out 5% of the corpus)', steps, metric, value: metrics[metric] ?? NaN, seconds: pretrain.seconds });

    const tokenizer = await loadDefaultTokenizer();
    const probes = await fillMaskProbes(dev, tokenizer, seed);
    // The pre-training run's own starting point: the preset's random weights of the same seed.
    const scratchModel = BertModel.create(presetConfig(preset), 'pretraining', { seed });
    const before = await topKAccuracy(scratchModel, tokenizer, probes, 5);
    scratchModel.dispose();
    const { model: pretrained } = await loadHfModel(path.join(pretrain.dir, 'model'));
    const after = await topKAccuracy(pretrained, tokenizer, probes, 5);
    pretrained.dispose();
    add({ what: `fill-mask top-5 on ${probes.length} dev sentences, random weights`, steps: 0, metric: 'top5_accuracy', value: before, seconds: 0 });
    add({ what: `fill-mask top-5 on ${probes.length} dev sentences, pre-trained`, steps, metric: 'top5_accuracy', value: after, seconds: 0 });

    const fineTune = (model: Record<string, unknown>, learningRate: number) => ({
      task: 'classification',
      model,
      data: { train: path.join(samples, 'sst2', 'train.tsv'), validation: dev },
      training: { num_train_epochs: opts.fineTuneEpochs ?? 3, batch_size: BATCH, max_seq_length: SEQ_LEN, learning_rate: learningRate, warmup_ratio: 0.1, logging_steps: 10, seed },
    });
    const starts = [
      ['fine-tuned from the pre-training run', { checkpoint: path.join(pretrain.dir, 'model') }],
      ['fine-tuned from random weights', { preset }],
    ] as const;
    for (const lr of opts.fineTuneLearningRates ?? FINE_TUNE_LEARNING_RATES) {
      for (const [label, model] of starts) {
        const result = await run(`${label} lr ${lr}`, fineTune(model, lr));
        add({ what: `SST-2 2,000 labelled, ${label}, lr ${lr}`, steps: result.record.progress?.step ?? 0, metric: 'eval_accuracy', value: result.record.final_metrics?.eval_accuracy ?? NaN, seconds: result.seconds });
      }
    }
    return rows;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

interface Probe {
  text: string;
  answer: number;
}

/** One word of each dev sentence masked: a random word that is a single alphabetic word piece. */
async function fillMaskProbes(file: string, tokenizer: BertTokenizer, seed: number): Promise<Probe[]> {
  const dataset = await loadDatasetFiles('classification', { train: file }, { split: false });
  const rng = new Rng(seed);
  const probes: Probe[] = [];
  for (const { text } of dataset.train) {
    const words = text.split(' ');
    const candidates = words.flatMap((word, i) => {
      const pieces = tokenizer.tokenize(word);
      return pieces.length === 1 && /^[a-z]{2,}$/.test(pieces[0]!.text) ? [{ i, id: pieces[0]!.id }] : [];
    });
    if (candidates.length === 0) continue;
    const pick = candidates[rng.nextInt(candidates.length)]!;
    probes.push({ text: words.map((w, i) => (i === pick.i ? MASK_TOKEN_TEXT : w)).join(' '), answer: pick.id });
  }
  return probes;
}

async function topKAccuracy(model: BertModel, tokenizer: BertTokenizer, probes: readonly Probe[], k: number): Promise<number> {
  let hits = 0;
  for (const probe of probes) {
    const prediction = await fillMask(model, tokenizer, probe.text, undefined, { topK: k, maxLength: model.config.max_position_embeddings });
    if (prediction.masks[0]!.candidates.some((c) => c.token_id === probe.answer)) hits++;
  }
  return hits / probes.length;
}
