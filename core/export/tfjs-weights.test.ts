// Weights in tf.io's format: what encodeWeights writes, tf.io.decodeWeights reads back —
// exactly for float32, to the rounding of the quantization otherwise, which follows
// tensorflowjs_converter (uint8: per-tensor scale, min nudged so that 0 stays exact).
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { float16ToFloat32 } from '../checkpoint/half-float';
import { encodeWeights, quantizeUint8, type NamedWeight } from './tfjs-weights';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const matrix: NamedWeight = { name: 'bert.encoder.layer.0.attention.self.query.weight', shape: [3, 4], values: Float32Array.from([-0.31, 0, 0.02, 0.5, -1e-3, 0.25, 0.125, -0.07, 0.3, 0.45, -0.2, 0.0001]) };
const vector: NamedWeight = { name: 'bert.embeddings.LayerNorm.weight', shape: [4], values: Float32Array.from([1.01, 0.98, 1.2, 0.7]) };

function decode(weights: NamedWeight[], quantize?: 'f16' | 'u8', shardBytes?: number): Record<string, Float32Array> {
  const { manifest, shards } = encodeWeights(weights, { quantize, ...(shardBytes ? { shardBytes } : {}) });
  const group = manifest[0]!;
  expect([...shards.keys()]).toEqual(group.paths);
  const buffers = group.paths.map((p) => shards.get(p)!.slice().buffer);
  const tensors = tf.io.decodeWeights(buffers, group.weights);
  const out = Object.fromEntries(Object.entries(tensors).map(([name, t]) => [name, t.dataSync() as Float32Array]));
  tf.dispose(Object.values(tensors));
  return out;
}

describe('encodeWeights', () => {
  it('round-trips float32 exactly, also across shard boundaries', () => {
    for (const shardBytes of [undefined, 7, 16]) {
      const decoded = decode([matrix, vector], undefined, shardBytes);
      expect(Array.from(decoded[matrix.name]!)).toEqual(Array.from(matrix.values));
      expect(Array.from(decoded[vector.name]!)).toEqual(Array.from(vector.values));
    }
  });

  it('float16: matrices rounded to half precision, vectors kept float32', () => {
    const { manifest } = encodeWeights([matrix, vector], { quantize: 'f16' });
    expect(manifest[0]!.weights.map((w) => w.quantization)).toEqual([{ dtype: 'float16' }, undefined]);
    const decoded = decode([matrix, vector], 'f16');
    matrix.values.forEach((v, i) => expect(Math.abs(decoded[matrix.name]![i]! - v)).toBeLessThanOrEqual(Math.abs(v) * 2 ** -11 + 2 ** -24));
    expect(Array.from(decoded[vector.name]!)).toEqual(Array.from(vector.values));
    expect(float16ToFloat32(0x3c00)).toBe(1);
  });

  it('uint8: within half a step, zero exact, as tensorflowjs_converter quantizes', () => {
    const { data, scale, min } = quantizeUint8(matrix.values);
    expect(scale).toBeCloseTo((0.5 + 0.31) / 255, 8);
    expect(data[1]! * scale + min).toBeCloseTo(0, 12);
    const decoded = decode([matrix, vector], 'u8');
    matrix.values.forEach((v, i) => expect(Math.abs(decoded[matrix.name]![i]! - v)).toBeLessThanOrEqual(scale / 2 + 1e-7));
    expect(Array.from(decoded[vector.name]!)).toEqual(Array.from(vector.values));
    // A range without 0 is not nudged; a constant tensor is all zeros with scale 1 and min the constant.
    expect(quantizeUint8(Float32Array.from([0.5, 1.5, 3]))).toMatchObject({ min: 0.5, scale: 2.5 / 255 });
    expect(quantizeUint8(Float32Array.from([0.5, 0.5]))).toEqual({ data: Uint8Array.from([0, 0]), scale: 1, min: 0.5 });
  });
});
