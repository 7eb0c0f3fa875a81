// Pre-training speed: one training step (forward, backward, AdamW) of BertForPreTraining
// on 15%-masked random tokens with next-sentence labels, with the masked-LM decoder at
// every position (what the head did before: [B, T, V] logits) and at the masked positions
// only (Google's masked_lm_positions). The two alternate step by step in one process, so
// that the machine's load falls on both alike; medians with the range.
import * as tf from '../core/tf';
import { presetConfig, type PresetName } from '../core/model/config';
import { isBiasName, isLayerNormName } from '../core/model/layout';
import { BertModel } from '../core/model/model';
import { MASKED_LM_IDS, MASKED_LM_POSITIONS } from '../core/model/heads/pretraining';
import { Rng } from '../core/random';
import { AdamW } from '../core/train/adamw';
import { collate, disposeBatch } from '../core/train/batching';
import { maskTokens } from '../core/train/mlm';
import { median } from '../core/metrics/spread';

export type DecoderPositions = 'all positions' | 'masked positions';

export interface PretrainingThroughputRow {
  name: 'pretraining-throughput';
  preset: PresetName;
  backend: string;
  batch_size: number;
  seq_len: number;
  decoder: DecoderPositions;
  steps: number;
  samples_per_second: number;
  /** The slowest and fastest timed step, as samples/s. */
  samples_per_second_range: [number, number];
}

export interface PretrainingThroughputOptions {
  preset?: PresetName;
  batchSize?: number;
  seqLen?: number;
  /** Timed steps of each variant; one untimed step of each comes first. */
  steps?: number;
  onStep?: (decoder: DecoderPositions, ms: number) => void;
}

const SPECIAL = { clsId: 101, sepId: 102, maskId: 103, padId: 0, unkId: 100 };

export async function benchPretrainingThroughput(opts: PretrainingThroughputOptions = {}): Promise<PretrainingThroughputRow[]> {
  const preset = opts.preset ?? 'bert-mini';
  const [B, T, steps] = [opts.batchSize ?? 32, opts.seqLen ?? 64, opts.steps ?? 5];
  const config = presetConfig(preset);
  const model = BertModel.create(config, 'pretraining', { seed: 0 });
  const rng = new Rng(1);
  const features = Array.from({ length: B }, (_, b) => {
    const ids = [SPECIAL.clsId, ...Array.from({ length: T - 2 }, () => 1000 + rng.nextInt(config.vocab_size - 1000)), SPECIAL.sepId];
    const masked = maskTokens(ids, { ...SPECIAL, vocabSize: config.vocab_size }, rng);
    return { inputIds: masked.input_ids, labels: masked.labels, nextSentenceLabel: b % 2 };
  });
  const batch = collate(features, 'pretraining', config.pad_token_id);
  const withPositions = batch.labels;
  const { [MASKED_LM_POSITIONS]: _positions, [MASKED_LM_IDS]: _ids, ...withoutPositions } = withPositions;
  const optimized = new Map(model.params.trainableNames.map((name) => [name, { lrScale: 1, weightDecay: !isBiasName(name) && !isLayerNormName(name) }]));
  const optimizer = new AdamW(new Map(model.params.entries()), optimized, { weightDecay: 0.01 });
  const dropout = new Rng(2);
  const variants: { decoder: DecoderPositions; labels: typeof withPositions; times: number[] }[] = [
    { decoder: 'all positions', labels: withoutPositions, times: [] },
    { decoder: 'masked positions', labels: withPositions, times: [] },
  ];
  try {
    for (let round = 0; round <= steps; round++) {
      for (const variant of round % 2 === 0 ? variants : [...variants].reverse()) {
        const started = performance.now();
        const { loss, grads } = model.lossAndGradients(batch.inputs, variant.labels, { training: true, rng: dropout });
        optimizer.step(grads, 1e-5);
        await loss.data();
        tf.dispose([loss, ...grads.values()]);
        const ms = performance.now() - started;
        if (round > 0) variant.times.push(ms);
        opts.onStep?.(variant.decoder, ms);
      }
    }
  } finally {
    optimizer.dispose();
    disposeBatch(batch);
    model.dispose();
  }
  return variants.map(({ decoder, times }) => ({
    name: 'pretraining-throughput',
    preset,
    backend: tf.getBackend(),
    batch_size: B,
    seq_len: T,
    decoder,
    steps: times.length,
    samples_per_second: (B * 1000) / median(times),
    samples_per_second_range: [(B * 1000) / Math.max(...times), (B * 1000) / Math.min(...times)],
  }));
}
