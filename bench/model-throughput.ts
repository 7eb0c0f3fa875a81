// Throughput of real BERT steps on random data: a training step (forward, backward,
// AdamW) or an inference batch, timed after warm-up, reported as the median. The shape
// is a sequence classifier on a preset, the workload people fine-tune on a CPU.
import * as tf from '../core/tf';
import { presetConfig, type PresetName } from '../core/model/config';
import type { ModelInputs } from '../core/model/encoder';
import { isBiasName, isLayerNormName } from '../core/model/layout';
import { BertModel } from '../core/model/model';
import { Rng } from '../core/random';
import { markTrainingStepEnd } from '../core/native-cpu/step-end';
import { AdamW } from '../core/train/adamw';
import { computeGradients, disposeGradients, GradientAccumulator } from '../core/train/gradients';
import { forwardFlops, trainingFlops, type StepShape } from './flops';
import { peakRssMb } from './peak-rss-node';
import { median } from '../core/metrics/spread';

export const BENCH_MODES = ['train', 'infer'] as const;
export type BenchMode = (typeof BENCH_MODES)[number];

export interface ModelBenchOptions {
  preset: PresetName;
  mode: BenchMode;
  batchSize: number;
  seqLen: number;
  /** Timed steps; the median is reported. */
  steps: number;
  /** Untimed steps first: the first allocates every buffer and compiles the JavaScript. */
  warmup: number;
  /** Micro-batches per training step (gradient accumulation); batchSize must divide by it. */
  gradAccum: number;
  /** Recompute each layer's activations in the backward pass (training only). */
  gradientCheckpointing?: boolean;
  seed?: number;
  /** Called after every step, warm-up included, with its wall time. */
  onStep?: (step: { index: number; warmup: boolean; ms: number }) => void;
}

/** One measurement, under the keys `bench --json` prints and bench/results.json stores. */
export interface ModelBenchResult {
  name: 'model';
  preset: PresetName;
  mode: BenchMode;
  backend: string;
  batch_size: number;
  seq_len: number;
  grad_accum: number;
  gradient_checkpointing: boolean;
  steps: number;
  step_ms_median: number;
  samples_per_second: number;
  /** FLOPs of one step from the model's matrix products (bench/flops.ts). */
  gflop_per_step: number;
  gflops: number;
  peak_rss_mb: number;
  /** Tensors alive after the timed steps minus before them: 0 unless a step leaks. */
  tensor_leak: number;
}

const NUM_LABELS = 2;
const LEARNING_RATE = 2e-5;

/** Random token ids and labels, one set per micro-batch; disposed by the caller. */
function randomBatches(vocabSize: number, microBatch: number, seqLen: number, count: number, seed: number): { inputs: ModelInputs; labels: { labels: tf.Tensor1D } }[] {
  return Array.from({ length: count }, (_, i) => ({
    inputs: {
      inputIds: tf.randomUniform([microBatch, seqLen], 0, vocabSize, 'int32', seed + i) as tf.Tensor2D,
      tokenTypeIds: tf.zeros([microBatch, seqLen], 'int32') as tf.Tensor2D,
      attentionMask: tf.ones([microBatch, seqLen], 'int32') as tf.Tensor2D,
    },
    labels: { labels: tf.tensor1d(Array.from({ length: microBatch }, (_, b) => (b + i) % NUM_LABELS), 'int32') },
  }));
}

/** AdamW as Transformers' Trainer sets it up: weight decay on everything but biases and LayerNorm. */
function optimizerFor(model: BertModel): AdamW {
  const optimized = new Map(model.params.trainableNames.map((name) => [name, { lrScale: 1, weightDecay: !isBiasName(name) && !isLayerNormName(name) }]));
  return new AdamW(new Map(model.params.entries()), optimized, { weightDecay: 0.01 });
}


export async function benchModel(opts: ModelBenchOptions): Promise<ModelBenchResult> {
  if (opts.batchSize % opts.gradAccum !== 0) throw new Error(`batch size ${opts.batchSize} is not a multiple of grad_accum ${opts.gradAccum}`);
  const seed = opts.seed ?? 0;
  const config = { ...presetConfig(opts.preset), id2label: { '0': 'negative', '1': 'positive' } };
  const model = BertModel.create(config, 'sequence-classification', { seed });
  const micro = opts.mode === 'train' ? opts.gradAccum : 1;
  const batches = randomBatches(config.vocab_size, opts.batchSize / micro, opts.seqLen, micro, seed);
  const optimizer = opts.mode === 'train' ? optimizerFor(model) : undefined;
  const trainable = new Map(model.params.trainableNames.map((name) => [name, model.params.get(name)]));
  const rng = new Rng(seed);
  const forward = { training: true, rng, gradientCheckpointing: opts.gradientCheckpointing === true };

  // Steps read asynchronously: the WebGPU backend cannot read synchronously under Node.
  const trainStep = async (): Promise<void> => {
    if (micro === 1) {
      const { inputs, labels } = batches[0]!;
      const { loss, grads } = model.lossAndGradients(inputs, labels, forward);
      optimizer!.step(grads, LEARNING_RATE);
      await loss.data(); // wait for the step, as a training loop reading its loss does
      tf.dispose([loss, ...grads.values()]);
      markTrainingStepEnd();
      return;
    }
    const accumulator = new GradientAccumulator();
    for (const { inputs, labels } of batches) {
      accumulator.add((await computeGradients(() => tf.tidy(() => tf.mul(model.loss(inputs, labels, forward), 1 / micro)), trainable)).grads);
    }
    const grads = accumulator.take();
    optimizer!.step(grads, LEARNING_RATE);
    disposeGradients(grads);
    markTrainingStepEnd();
  };
  const inferStep = async (): Promise<void> => {
    const outputs = model.forward(batches[0]!.inputs, { training: false });
    await outputs.logits!.data();
    tf.dispose(outputs);
  };
  const step = opts.mode === 'train' ? trainStep : inferStep;

  const times: number[] = [];
  let tensorsBefore = 0;
  let tensorLeak = 0;
  try {
    for (let index = 0; index < opts.warmup + opts.steps; index++) {
      const warmup = index < opts.warmup;
      if (index === opts.warmup) tensorsBefore = tf.memory().numTensors;
      const started = performance.now();
      await step();
      const ms = performance.now() - started;
      if (!warmup) times.push(ms);
      opts.onStep?.({ index, warmup, ms });
      await new Promise((resolve) => setImmediate(resolve)); // let progress output reach the terminal
    }
    tensorLeak = tf.memory().numTensors - tensorsBefore;
  } finally {
    optimizer?.dispose();
    for (const { inputs, labels } of batches) tf.dispose([inputs.inputIds, inputs.tokenTypeIds, inputs.attentionMask, labels.labels]);
    model.dispose();
  }
  const stepMs = median(times);
  const shape: StepShape = { batchSize: opts.batchSize, seqLen: opts.seqLen, numLabels: NUM_LABELS };
  const flops = opts.mode === 'train' ? trainingFlops(config, shape) : forwardFlops(config, shape);
  return {
    name: 'model',
    preset: opts.preset,
    mode: opts.mode,
    backend: tf.getBackend(),
    batch_size: opts.batchSize,
    seq_len: opts.seqLen,
    grad_accum: micro,
    gradient_checkpointing: opts.mode === 'train' && opts.gradientCheckpointing === true,
    steps: times.length,
    step_ms_median: stepMs,
    samples_per_second: (opts.batchSize * 1000) / stepMs,
    gflop_per_step: flops / 1e9,
    gflops: flops / 1e9 / (stepMs / 1000),
    peak_rss_mb: peakRssMb(),
    tensor_leak: tensorLeak,
  };
}
