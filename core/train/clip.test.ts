import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { clipByGlobalNorm, globalGradNorm } from './clip';
import { disposeGradients } from './gradients';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// ||[3, 4]|| = 5 and ||[[12]]|| = 12, so the global norm is sqrt(25 + 144) = 13.
function grads(): Map<string, tf.Tensor> {
  return new Map<string, tf.Tensor>([
    ['a', tf.tensor1d([3, 4])],
    ['b', tf.tensor2d([[12]])],
  ]);
}

describe('clipByGlobalNorm', () => {
  it('returns the pre-clip norm and scales by max_norm / (norm + 1e-6)', async () => {
    const input = grads();
    const { grads: clipped, norm } = await clipByGlobalNorm(input, 1);
    expect(norm).toBeCloseTo(13, 5);
    const coef = 1 / (13 + 1e-6);
    expect(Array.from(clipped.get('a')!.dataSync())).toEqual([3, 4].map((x) => Math.fround(x * coef)));
    expect(clipped.get('b')!.dataSync()[0]).toBeCloseTo(12 * coef, 7);
    expect(await globalGradNorm(clipped)).toBeCloseTo(1, 6);
    expect(Array.from(input.get('a')!.dataSync())).toEqual([3, 4]); // the input is left alone
    disposeGradients(input);
    disposeGradients(clipped);
  });

  it('leaves gradients under the limit as they are (coefficient clamped to 1)', async () => {
    const input = grads();
    const { grads: clipped, norm } = await clipByGlobalNorm(input, 20);
    expect(norm).toBeCloseTo(13, 5);
    expect(Array.from(clipped.get('a')!.dataSync())).toEqual([3, 4]);
    expect(Array.from(clipped.get('b')!.dataSync())).toEqual([12]);
    disposeGradients(input);
    disposeGradients(clipped);
  });

  it('gives norm 0 for no gradients and leaks no tensors', async () => {
    expect(await globalGradNorm(new Map())).toBe(0);
    const input = grads();
    const before = tf.memory().numTensors;
    const { grads: clipped } = await clipByGlobalNorm(input, 1);
    expect(tf.memory().numTensors).toBe(before + 2); // exactly the two clipped gradients
    disposeGradients(clipped);
    disposeGradients(input);
  });
});
