import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { GradientAccumulator, computeGradients, disposeGradients } from './gradients';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

// loss = sum(w * x) * scale has gradient x * scale with respect to w.
function setup() {
  const parameters = new Map<string, tf.Variable>([
    ['bert.pooler.dense.weight', tf.tidy(() => tf.variable(tf.tensor1d([1, 2]), true, 'tfjs_internal_name_1'))],
    ['classifier.weight', tf.tidy(() => tf.variable(tf.tensor1d([5]), true, 'tfjs_internal_name_2'))],
  ]);
  const w = parameters.get('bert.pooler.dense.weight')!;
  const lossOf = (x: number[], scale = 1) => () => tf.tidy(() => tf.sum(w.mul(tf.tensor1d(x))).mul(scale) as tf.Scalar);
  return { parameters, lossOf, dispose: () => parameters.forEach((v) => v.dispose()) };
}

describe('computeGradients', () => {
  it('keys gradients by parameter name and leaves out parameters the loss does not use', async () => {
    const { parameters, lossOf, dispose } = setup();
    const { loss, grads } = await computeGradients(lossOf([3, 4]), parameters);
    expect(loss).toBe(1 * 3 + 2 * 4);
    expect([...grads.keys()]).toEqual(['bert.pooler.dense.weight']);
    expect(Array.from(grads.get('bert.pooler.dense.weight')!.dataSync())).toEqual([3, 4]);
    disposeGradients(grads);
    dispose();
  });
});

describe('GradientAccumulator', () => {
  it('sums micro-batch gradients whose losses were scaled by 1 / window, giving the mean', async () => {
    const { parameters, lossOf, dispose } = setup();
    const before = tf.memory().numTensors;
    const accumulator = new GradientAccumulator();
    for (const x of [[3, 4], [1, 0], [2, 2]]) accumulator.add((await computeGradients(lossOf(x, 1 / 3), parameters)).grads);
    const mean = accumulator.take();
    Array.from(mean.get('bert.pooler.dense.weight')!.dataSync()).forEach((value) => expect(value).toBeCloseTo(2, 6));
    expect(tf.memory().numTensors).toBe(before + 1); // only the one summed gradient
    disposeGradients(mean);
    expect(accumulator.take().size).toBe(0);
    accumulator.add((await computeGradients(lossOf([1, 1]), parameters)).grads);
    accumulator.dispose();
    expect(tf.memory().numTensors).toBe(before);
    dispose();
  });
});
