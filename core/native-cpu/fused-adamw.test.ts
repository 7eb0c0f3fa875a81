// The fused AdamW kernel gives the floats core/train/adamw.ts's composed update gives,
// with and without weight decay, over several steps (bias corrections change per step).
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

/** Three steps of core/train/adamw.ts on the cpu backend: the reference. */
async function composed(weightDecay: boolean): Promise<Float32Array> {
  await tf.setBackend('cpu');
  const param = tf.variable(tf.tensor(values(1), shape));
  const optimizer = new AdamW(new Map([['w', param]]), new Map([['w', { lrScale: 1, weightDecay }]]), hyper);
  for (let step = 0; step < 3; step++) {
    const grad = tf.tensor(values(step + 2), shape);
    optimizer.step(new Map([['w', grad]]), 1e-3);
    grad.dispose();
  }
  const result = (await param.data()) as Float32Array;
  optimizer.dispose();
  param.dispose();
  return result;
}

/** The same three steps through the fused kernel on native-cpu. */
async function fused(weightDecay: boolean): Promise<Float32Array> {
  await tf.setBackend('native-cpu');
  let param = tf.tensor(values(1), shape);
  let m = tf.zeros(shape);
  let v = tf.zeros(shape);
  const lr = 1e-3;
  for (let step = 1; step <= 3; step++) {
    const grad = tf.tensor(values(step + 1), shape);
    const attrs = {
      decay: weightDecay ? 1 - lr * hyper.weightDecay : 1,
      beta1: hyper.beta1,
      beta2: hyper.beta2,
      bc2Sqrt: Math.sqrt(1 - hyper.beta2 ** step),
      eps: hyper.eps,
      stepSize: lr / (1 - hyper.beta1 ** step),
    };
    const next = fusedAdamW({ param, grad, m, v }, attrs)!;
    tf.dispose([param, m, v, grad]);
    [param, m, v] = next;
  }
  const result = (await param.data()) as Float32Array;
  tf.dispose([param, m, v]);
  return result;
}

describe.skipIf(!nativeCpuBuilt())('FusedAdamW', () => {
  beforeAll(() => {
    registerNativeCpuBackendNode();
  });

  it.each([true, false])('matches the composed AdamW update (weight decay: %s)', async (weightDecay) => {
    const expected = await composed(weightDecay);
    const actual = await fused(weightDecay);
    let worst = 0;
    for (let i = 0; i < expected.length; i++) worst = Math.max(worst, Math.abs(actual[i]! - expected[i]!) / Math.max(Math.abs(expected[i]!), 1e-3));
    expect(worst).toBeLessThan(1e-6);
  });

  it('is absent on other backends, so the optimizer composes as before', async () => {
    await tf.setBackend('cpu');
    const t = tf.zeros([2]);
    expect(fusedAdamW({ param: t, grad: t, m: t, v: t }, { decay: 1, beta1: 0.9, beta2: 0.999, bc2Sqrt: 1, eps: 1e-8, stepSize: 1 })).toBeUndefined();
    t.dispose();
  });
});
