// The fused AdamW path, through AdamW.step: on native-cpu the optimizer's update (in one
// native pass, written over the parameter and its moments once they are the backend's
// own buffers, with the clipping coefficient folded in) gives the floats of the composed
// update on the cpu backend, with and without weight decay, over several steps.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { AdamW } from '../train/adamw';
import { fusedAdamW } from './fused-adamw';
import { registerNativeCpuBackendNode } from './native-cpu-node';
import { nativeCpuBuilt } from './test-backends-node';

const shape = [37, 29];
const hyper = { weightDecay: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 };

function values(seed: number): Float32Array {
  return Float32Array.from({ length: shape[0]! * shape[1]! }, (_, i) => Math.sin(seed * 7.3 + i * 0.37) * (1 + (i % 5)));
}

/** Four AdamW.step calls on `backend`; the second and fourth clip (gradScale < 1). */
async function optimise(backend: string, weightDecay: boolean): Promise<{ param: Float32Array; m: Float32Array }> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const param = tf.tidy(() => tf.variable(tf.tensor(values(1), shape)));
  const optimizer = new AdamW(new Map([['w', param]]), new Map([['w', { lrScale: 1, weightDecay }]]), hyper);
  for (let step = 0; step < 4; step++) {
    const grad = tf.tensor(values(step + 2), shape);
    optimizer.step(new Map([['w', grad]]), 1e-3, { gradScale: step % 2 === 1 ? 0.37 : 1 });
    grad.dispose();
  }
  const result = { param: ((await param.data()) as Float32Array).slice(), m: (await optimizer.getState()).params.w!.exp_avg };
  optimizer.dispose();
  param.dispose();
  expect(tf.memory().numTensors).toBe(before);
  return result;
}

function worstRelativeError(actual: Float32Array, expected: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / Math.max(Math.abs(expected[i]!), 1e-3));
  return worst;
}

describe.skipIf(!nativeCpuBuilt())('fused AdamW through AdamW.step', () => {
  beforeAll(() => {
    registerNativeCpuBackendNode();
  });

  it.each([true, false])('matches the composed update on cpu (weight decay: %s)', async (weightDecay) => {
    const expected = await optimise('cpu', weightDecay);
    const actual = await optimise('native-cpu', weightDecay);
    expect(worstRelativeError(actual.param, expected.param)).toBeLessThan(1e-6);
    expect(worstRelativeError(actual.m, expected.m)).toBeLessThan(1e-6);
  });

  it('writes over buffers only the parameter owns, and returns new tensors otherwise', async () => {
    await tf.setBackend('native-cpu');
    const attrs = { decay: 1, beta1: 0.9, beta2: 0.999, bc2Sqrt: 1, eps: 1e-8, stepSize: 1e-3, gradScale: 1, inPlace: true };
    const own = (seed: number) => tf.tidy(() => tf.mul(tf.tensor(values(seed), shape), 1)); // a kernel output: the backend's own buffer
    const [param, grad, m, v] = [own(3), own(4), own(5), tf.tidy(() => tf.abs(own(6)))];
    const original = (await param.data())[5]!;
    expect(fusedAdamW({ param, grad, m, v }, attrs)).toEqual({});
    expect((await param.data())[5]).not.toBe(original);
    // A reshape shares the parameter's buffer: it must not change under its holder.
    const view = tf.reshape(param, [-1]);
    const seen = (await view.data())[5]!;
    const mBefore = (await m.data())[5]!;
    const result = fusedAdamW({ param, grad, m, v }, attrs)!;
    expect(Object.keys(result)).toEqual(['param']); // the moments are still written over
    expect((await view.data())[5]).toBe(seen);
    expect((await m.data())[5]).not.toBe(mBefore);
    // A moment seen elsewhere too: all three come back new, and the inputs stay as they were.
    const seenM = tf.reshape(m, [-1]);
    const mSeen = (await seenM.data())[5]!;
    const all = fusedAdamW({ param, grad, m, v }, attrs)!;
    expect(Object.keys(all).sort()).toEqual(['m', 'param', 'v']);
    expect((await seenM.data())[5]).toBe(mSeen);
    tf.dispose([param, grad, m, v, view, seenM, result.param!, all.param!, all.m!, all.v!]);
  });

  it('updates a parameter that came from outside the pool into a new buffer, its moments in place, with the same floats', async () => {
    const expected = await optimise('cpu', true);
    await tf.setBackend('native-cpu');
    const param = tf.tidy(() => tf.variable(tf.tensor(values(1), shape))); // the initialiser's array, as a model's weights are
    const optimizer = new AdamW(new Map([['w', param]]), new Map([['w', { lrScale: 1, weightDecay: true }]]), hyper);
    for (let step = 0; step < 4; step++) {
      const grad = tf.tensor(values(step + 2), shape);
      optimizer.step(new Map([['w', grad]]), 1e-3, { gradScale: step % 2 === 1 ? 0.37 : 1 });
      grad.dispose();
    }
    expect(worstRelativeError((await param.data()) as Float32Array, expected.param)).toBeLessThan(1e-6);
    optimizer.dispose();
    param.dispose();
  });

  it('is absent on other backends, so the optimizer composes as before', async () => {
    await tf.setBackend('cpu');
    const t = tf.zeros([2]);
    expect(fusedAdamW({ param: t, grad: t, m: t, v: t }, { decay: 1, beta1: 0.9, beta2: 0.999, bc2Sqrt: 1, eps: 1e-8, stepSize: 1, gradScale: 1, inPlace: true })).toBeUndefined();
    t.dispose();
  });
});
