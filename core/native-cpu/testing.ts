// Test helpers for the native-cpu kernels: run the same computation on native-cpu and on
// tfjs-backend-cpu (the JavaScript kernels) and compare, forward and through gradients.
import { expect } from 'vitest';
import * as tf from '../tf';
import { Rng } from '../random';

const rng = new Rng(7);

/** Values in [lo, hi), reproducible. */
export function random(shape: number[], lo = -2, hi = 2): { values: Float32Array; shape: number[] } {
  const values = new Float32Array(shape.reduce((a, b) => a * b, 1));
  for (let i = 0; i < values.length; i++) values[i] = lo + (hi - lo) * rng.nextFloat();
  return { values, shape };
}

export type Input = { values: Float32Array | Int32Array; shape: number[] };
export type Build = (...inputs: tf.Tensor[]) => tf.Tensor | tf.Tensor[];

export async function runOn(backend: string, build: Build, inputs: Input[]): Promise<{ shapes: number[][]; values: number[][] }> {
  await tf.setBackend(backend);
  const before = tf.memory().numTensors;
  const tensors = inputs.map((input) => tf.tensor(input.values.slice(), input.shape, input.values instanceof Int32Array ? 'int32' : 'float32'));
  const result = tf.tidy(() => build(...tensors));
  const outputs = Array.isArray(result) ? result : [result];
  const values = await Promise.all(outputs.map(async (t) => Array.from(await t.data())));
  const shapes = outputs.map((t) => t.shape);
  tf.dispose([...outputs, ...tensors]);
  expect(tf.memory().numTensors, `tensors leaked on ${backend}`).toBe(before);
  return { shapes, values };
}

/**
 * Runs `build` on native-cpu and on cpu (or `reference` on cpu, where the cpu kernel is
 * itself wrong) and compares within rtol·|expected| + atol.
 */
export async function expectMatchesCpu(build: Build, inputs: Input[], { rtol = 1e-5, atol = 1e-6, reference = build } = {}): Promise<void> {
  const native = await runOn('native-cpu', build, inputs);
  const cpu = await runOn('cpu', reference, inputs);
  expect(native.shapes).toEqual(cpu.shapes);
  native.values.forEach((values, o) => {
    const expected = cpu.values[o]!;
    let worst = 0;
    for (let i = 0; i < values.length; i++) {
      const e = expected[i]!;
      const a = values[i]!;
      if (Number.isNaN(e)) expect(a, `output ${o} element ${i}`).toBeNaN();
      else if (a !== e) worst = Math.max(worst, Math.abs(a - e) / (rtol * Math.abs(e) + atol) || Infinity);
    }
    expect(worst, `output ${o}: worst error in units of the tolerance`).toBeLessThanOrEqual(1);
  });
}

/** The gradients of sum(f(inputs) · weights) with respect to every input: exercises each kernel's gradient. */
export function gradientsOf(f: (...inputs: tf.Tensor[]) => tf.Tensor): Build {
  return (...inputs) => {
    const y = f(...inputs);
    const weights = tf.linspace(-1, 1, y.size).reshape(y.shape);
    return tf.grads((...xs: tf.Tensor[]) => tf.sum(tf.mul(f(...xs), weights)))(inputs);
  };
}

