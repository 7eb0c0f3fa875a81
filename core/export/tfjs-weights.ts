// Weights in TensorFlow.js's own format: a weights manifest (groups of shard paths and
// {name, shape, dtype, quantization?} entries) and the shards, the tensors' bytes laid end
// to end and cut into 4 MB files, as tensorflowjs_converter writes them. Quantization is
// the converter's too: float16, or uint8 with a per-tensor scale and a min nudged so that
// 0 is exact, which `tf.io.decodeWeights` turns back into float32 (v * scale + min).
import { float32ToFloat16 } from '../checkpoint/half-float';
import { TFJS_QUANTIZATIONS } from './formats';

export const QUANTIZATIONS = TFJS_QUANTIZATIONS;
export type Quantization = (typeof QUANTIZATIONS)[number];

export type WeightQuantization = { dtype: 'float16' } | { dtype: 'uint8'; scale: number; min: number };

/** One entry of a weights manifest group, as tf.io reads it. */
export interface WeightsManifestEntry {
  name: string;
  shape: number[];
  dtype: 'float32';
  quantization?: WeightQuantization;
}

export interface WeightsManifestGroup {
  paths: string[];
  weights: WeightsManifestEntry[];
}

/** tensorflowjs_converter's default shard size. */
export const DEFAULT_SHARD_BYTES = 4 * 1024 * 1024;

export interface NamedWeight {
  name: string;
  shape: number[];
  values: Float32Array;
}

export interface EncodedWeights {
  manifest: WeightsManifestGroup[];
  /** Shard file name -> bytes, in manifest order. */
  shards: Map<string, Uint8Array>;
}

/** uint8 affine quantization as tensorflowjs quantization.py: scale = range / 255, 0 exact when in range. */
export function quantizeUint8(values: Float32Array): { data: Uint8Array; scale: number; min: number } {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of values) {
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  const data = new Uint8Array(values.length);
  if (values.length === 0 || lo === hi) return { data, scale: 1, min: values.length === 0 ? 0 : lo };
  const scale = (hi - lo) / 255;
  // When the range covers 0, nudge it so that 0 is a level; otherwise keep it.
  const min = lo <= 0 && hi >= 0 ? -Math.round(-lo / scale) * scale : lo;
  const max = 255 * scale + min;
  for (let i = 0; i < values.length; i++) {
    const clipped = Math.min(max, Math.max(min, values[i]!));
    data[i] = Math.round((clipped - min) / scale);
  }
  return { data, scale, min };
}

export function quantizeFloat16(values: Float32Array): Uint16Array {
  const out = new Uint16Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = float32ToFloat16(values[i]!);
  return out;
}

/**
 * Whether a weight is quantized: the matrices (embeddings, dense kernels), which are
 * nearly all of the bytes. Vectors (biases, LayerNorm scales and shifts) stay float32, as
 * tensorflowjs_converter allows per weight: they cost nothing and a LayerNorm scale
 * rounded to 1/256 of its range moves every activation after it.
 */
export function isQuantized(weight: Pick<NamedWeight, 'shape'>): boolean {
  return weight.shape.length >= 2;
}

function encodeOne(weight: NamedWeight, quantize: Quantization | undefined): { entry: WeightsManifestEntry; bytes: Uint8Array } {
  const entry: WeightsManifestEntry = { name: weight.name, shape: weight.shape, dtype: 'float32' };
  const { values } = weight;
  switch (isQuantized(weight) ? quantize : undefined) {
    case undefined:
      return { entry, bytes: new Uint8Array(values.buffer, values.byteOffset, values.byteLength) };
    case 'f16': {
      const half = quantizeFloat16(values);
      return { entry: { ...entry, quantization: { dtype: 'float16' } }, bytes: new Uint8Array(half.buffer) };
    }
    case 'u8': {
      const { data, scale, min } = quantizeUint8(values);
      return { entry: { ...entry, quantization: { dtype: 'uint8', scale, min } }, bytes: data };
    }
  }
}

/** One group holding every weight, in the order given, cut into shards of `shardBytes`. */
export function encodeWeights(weights: Iterable<NamedWeight>, options: { quantize?: Quantization; shardBytes?: number } = {}): EncodedWeights {
  const shardBytes = options.shardBytes ?? DEFAULT_SHARD_BYTES;
  const entries: WeightsManifestEntry[] = [];
  const parts: Uint8Array[] = [];
  let total = 0;
  for (const weight of weights) {
    const { entry, bytes } = encodeOne(weight, options.quantize);
    entries.push(entry);
    parts.push(bytes);
    total += bytes.byteLength;
  }
  const count = Math.max(1, Math.ceil(total / shardBytes));
  const shards = new Map<string, Uint8Array>();
  const buffers = Array.from({ length: count }, (_, i) => new Uint8Array(Math.min(shardBytes, total - i * shardBytes)));
  let position = 0;
  for (const bytes of parts) {
    // A tensor may straddle shards: tf.io concatenates a group's shards before decoding.
    for (let done = 0; done < bytes.byteLength; ) {
      const shard = Math.floor(position / shardBytes);
      const at = position - shard * shardBytes;
      const n = Math.min(bytes.byteLength - done, shardBytes - at);
      buffers[shard]!.set(bytes.subarray(done, done + n), at);
      done += n;
      position += n;
    }
  }
  const paths = buffers.map((_, i) => `group1-shard${i + 1}of${count}.bin`);
  paths.forEach((path, i) => shards.set(path, buffers[i]!));
  return { manifest: [{ paths, weights: entries }], shards };
}

/** Shard files of an earlier export that a new one replaces. */
export const SHARD_FILE_PATTERN = /^group\d+-shard\d+of\d+\.bin$/;
