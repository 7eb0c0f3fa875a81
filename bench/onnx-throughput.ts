// Inference throughput of the exported ONNX model in ONNX Runtime (onnxruntime-node, CPU),
// the anchor people deploying the model compare against, beside the TF.js core on the
// same preset, shapes and random tokens. The graph is the export's own (onnxModelBytes),
// float32 and int8. The three are timed in turn within each round (core, ORT float32,
// ORT int8), so a machine that slows down mid-run slows all three alike; medians.
import * as ort from 'onnxruntime-node';
import * as tf from '../core/tf';
import { presetConfig, type PresetName } from '../core/model/config';
import { BertModel } from '../core/model/model';
import { modelWeights, onnxModelBytes } from '../core/export/onnx-export';
import { onnxFeeds } from '../core/export/onnx-runtime-node';
import type { TokenizedExample } from '../core/model/prediction';
import { Rng } from '../core/random';
import { median } from '../core/metrics/spread';

/** batch × length pairs: the suite's throughput shape and single-request latency. */
export const ONNX_BENCH_SHAPES: readonly { batchSize: number; seqLen: number }[] = [
  { batchSize: 8, seqLen: 128 },
  { batchSize: 1, seqLen: 128 },
];

export const ONNX_RUNTIMES = ['tfjs', 'onnxruntime', 'onnxruntime-int8'] as const;
export type OnnxBenchRuntime = (typeof ONNX_RUNTIMES)[number];

/** One measurement; `runtime: 'tfjs'` is the core on `backend`. */
export interface OnnxBenchRow {
  name: 'onnx';
  preset: string;
  runtime: OnnxBenchRuntime;
  /** The TF.js backend of the core's row; ONNX Runtime's execution provider otherwise. */
  backend: string;
  batch_size: number;
  seq_len: number;
  steps: number;
  step_ms_median: number;
  samples_per_second: number;
  error?: string;
}

export interface OnnxBenchOptions {
  preset: PresetName;
  steps: number;
  warmup: number;
  shapes?: readonly { batchSize: number; seqLen: number }[];
  seed?: number;
  onRow?: (row: OnnxBenchRow) => void;
}

function randomExamples(rng: Rng, vocabSize: number, batchSize: number, seqLen: number): TokenizedExample[] {
  return Array.from({ length: batchSize }, () => ({ inputIds: Array.from({ length: seqLen }, () => rng.nextInt(vocabSize)) }));
}

export async function benchOnnx(opts: OnnxBenchOptions): Promise<OnnxBenchRow[]> {
  const config = { ...presetConfig(opts.preset), id2label: { '0': 'negative', '1': 'positive' } };
  const model = BertModel.create(config, 'sequence-classification', { seed: opts.seed ?? 0 });
  const rows: OnnxBenchRow[] = [];
  try {
    const weights = await modelWeights(model);
    const source = { config, head: model.headName, weights };
    const sessions = {
      onnxruntime: await ort.InferenceSession.create(onnxModelBytes(source, { precision: 'float32' })),
      'onnxruntime-int8': await ort.InferenceSession.create(onnxModelBytes(source, { precision: 'int8' })),
    };
    weights.clear();
    const rng = new Rng(opts.seed ?? 0);
    for (const shape of opts.shapes ?? ONNX_BENCH_SHAPES) {
      const examples = randomExamples(rng, config.vocab_size, shape.batchSize, shape.seqLen);
      const feeds = onnxFeeds(examples, config.pad_token_id);
      const ids = tf.tensor2d(examples.map((e) => e.inputIds), undefined, 'int32');
      const inputs = { inputIds: ids, tokenTypeIds: tf.zerosLike(ids), attentionMask: tf.onesLike(ids) };
      const steps: Record<OnnxBenchRuntime, () => Promise<void>> = {
        tfjs: async () => {
          const outputs = model.forward(inputs, { training: false });
          await outputs.logits!.data();
          tf.dispose(outputs);
        },
        onnxruntime: async () => void (await sessions.onnxruntime.run(feeds)),
        'onnxruntime-int8': async () => void (await sessions['onnxruntime-int8'].run(feeds)),
      };
      const times: Record<OnnxBenchRuntime, number[]> = { tfjs: [], onnxruntime: [], 'onnxruntime-int8': [] };
      for (let round = 0; round < opts.warmup + opts.steps; round++) {
        for (const runtime of ONNX_RUNTIMES) {
          const started = performance.now();
          await steps[runtime]();
          if (round >= opts.warmup) times[runtime].push(performance.now() - started);
        }
      }
      tf.dispose([inputs.inputIds, inputs.tokenTypeIds, inputs.attentionMask]);
      for (const runtime of ONNX_RUNTIMES) {
        const ms = median(times[runtime]);
        const row: OnnxBenchRow = {
          name: 'onnx',
          preset: opts.preset,
          runtime,
          backend: runtime === 'tfjs' ? tf.getBackend() : 'cpu',
          batch_size: shape.batchSize,
          seq_len: shape.seqLen,
          steps: opts.steps,
          step_ms_median: ms,
          samples_per_second: (shape.batchSize * 1000) / ms,
        };
        rows.push(row);
        opts.onRow?.(row);
      }
    }
    await Promise.all(Object.values(sessions).map((s) => s.release()));
  } finally {
    model.dispose();
  }
  return rows;
}
