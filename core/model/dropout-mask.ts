// Dropout masks as a hash of (seed, element index), the JavaScript twin of
// core/native-cpu/src (vector_math.h's dropout_uniform): every backend drops the same
// elements for the same seed, a mask needs no generator state beyond its seed, and a
// kernel that recomputes it (the native backward pass) gets it again for free.
//
// lowbias32 is Chris Wellons' 32-bit integer permutation; applied twice with two
// seed-derived keys it gives 24 uniform bits per index.

function lowbias32(value: number): number {
  let x = value >>> 0;
  x ^= x >>> 16;
  x = Math.imul(x, 0x7feb352d) >>> 0;
  x ^= x >>> 15;
  x = Math.imul(x, 0x846ca68b) >>> 0;
  x ^= x >>> 16;
  return x >>> 0;
}

/** Uniform draws in [0, 1) with 24 bits for elements 0..size-1 under `seed` (a 32-bit unsigned integer). */
export function dropoutUniforms(seed: number, size: number): Float32Array {
  const a = lowbias32(seed);
  const b = lowbias32((seed ^ 0x9e3779b9) >>> 0);
  const out = new Float32Array(size);
  for (let i = 0; i < size; i++) out[i] = (lowbias32(lowbias32((i ^ a) >>> 0) + b) >>> 8) / 16777216;
  return out;
}

/** The values dropout multiplies by: 0 for dropped elements, 1 / (1 - rate) (as float32) for kept ones. */
export function dropoutMask(seed: number, size: number, rate: number): Float32Array {
  const scale = Math.fround(1 / (1 - rate));
  const threshold = Math.fround(rate); // the native kernel compares in float32
  const mask = dropoutUniforms(seed, size);
  for (let i = 0; i < size; i++) mask[i] = mask[i]! >= threshold ? scale : 0;
  return mask;
}
