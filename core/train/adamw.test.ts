import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { AdamW, type OptimizedParameter } from './adamw';

// Three steps on p = [1, -2] with these gradients. Expected values: the torch.optim.AdamW
// formula evaluated by hand in float64 (betas 0.9/0.999, eps 1e-8). Step 1 in closed form:
// m/bc1 = g and sqrt(v/bc2) = |g|, so p1 = p0 * (1 - lr*wd) - lr * g / (|g| + eps).
const GRADS = [
  [0.5, -1],
  [0.1, 0.2],
  [-0.3, 0.4],
];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const created: { dispose(): void }[] = [];
afterEach(() => created.splice(0).forEach((item) => item.dispose()));

function setup(options: OptimizedParameter, weightDecay: number, extra: Record<string, number[]> = {}) {
  const variables = new Map<string, tf.Variable>();
  for (const [name, values] of Object.entries({ w: [1, -2], ...extra })) variables.set(name, tf.tidy(() => tf.variable(tf.tensor1d(values))));
  const optimizer = new AdamW(variables, new Map([['w', options]]), { weightDecay });
  created.push(optimizer, ...variables.values());
  return { variables, optimizer, w: variables.get('w')! };
}

function stepWith(optimizer: AdamW, grad: number[], lr: number, name = 'w'): void {
  const g = tf.tensor1d(grad);
  optimizer.step(new Map([[name, g]]), lr);
  g.dispose();
}

function expectValues(variable: tf.Variable, expected: number[]): void {
  const got = Array.from(variable.dataSync());
  expected.forEach((value, i) => expect(got[i]).toBeCloseTo(value, 6));
}

/** Runs the three GRADS steps at the given rates, checking the parameter after each. */
function expectTrajectory(options: OptimizedParameter, weightDecay: number, lrs: number[], expected: number[][]): AdamW {
  const { optimizer, w } = setup(options, weightDecay);
  GRADS.forEach((grad, i) => {
    stepWith(optimizer, grad, lrs[i]!); // one rate and one expectation per step of GRADS
    expectValues(w, expected[i]!);
  });
  return optimizer;
}

const DECAYED = { lrScale: 1, weightDecay: true };

describe('AdamW', () => {
  it('matches the torch formula over three steps without weight decay', () => {
    const optimizer = expectTrajectory(DECAYED, 0, [0.1, 0.1, 0.1], [
      [1 - 0.1 * (0.5 / (0.5 + 1e-8)), -2 + 0.1 * (1 / (1 + 1e-8))],
      [0.8196959063846517, -1.8488973939904945],
      [0.798624611763508, -1.835473434208156],
    ]);
    expect(optimizer.stepCount).toBe(3);
  });

  it('decays weights decoupled from the gradient, by lr * wd', () => {
    expectTrajectory(DECAYED, 0.01, [0.1, 0.1, 0.1], [
      [1 * (1 - 0.1 * 0.01) - 0.1 * (0.5 / (0.5 + 1e-8)), -2 * (1 - 0.1 * 0.01) + 0.1 * (1 / (1 + 1e-8))],
      [0.8177969063826517, -1.8449993939894944],
      [0.7959078148551253, -1.8297304348131664],
    ]);
  });

  it('skips weight decay for parameters marked without it', () => {
    const { optimizer, w } = setup({ lrScale: 1, weightDecay: false }, 0.01);
    stepWith(optimizer, GRADS[0]!, 0.1);
    expectValues(w, [0.900000002, -1.900000001]);
  });

  it('moves nothing at lr 0 (first warmup step) but still updates the moments', () => {
    expectTrajectory(DECAYED, 0.01, [0, 0.05, 0.1], [
      [1, -2],
      [0.9593479521923259, -1.9734486964952473],
      [0.9373173096189898, -1.9580512880164136],
    ]);
  });

  it('applies the per-parameter lr multiplier to the step and the decay', () => {
    expectTrajectory({ lrScale: 0.5, weightDecay: true }, 0.01, [0.1, 0.1, 0.1], [
      [0.9495000010000001, -1.9490000005],
      [0.9088732031918261, -1.9224741969949974],
      [0.8978831192796584, -1.9148009800053307],
    ]);
  });

  it('leaves parameters it does not optimize alone, with no state', async () => {
    const { optimizer, variables } = setup(DECAYED, 0.01, { frozen: [3, 4] });
    const g = tf.tensor1d([1, 1]);
    const gw = tf.tensor1d(GRADS[0]!);
    optimizer.step(new Map([['w', gw], ['frozen', g]]), 0.1);
    tf.dispose([g, gw]);
    expectValues(variables.get('frozen')!, [3, 4]);
    expect(Object.keys((await optimizer.getState()).params)).toEqual(['w']);
  });

  it('skips a parameter without a gradient, like torch (no decay, no step)', async () => {
    const { optimizer, w } = setup(DECAYED, 0.01);
    optimizer.step(new Map(), 0.1);
    expectValues(w, [1, -2]);
    expect(await optimizer.getState()).toEqual({ step: 1, params: {} });
  });

  it('restores its state exactly: a resumed run continues the uninterrupted one', async () => {
    const straight = setup(DECAYED, 0.01);
    GRADS.forEach((grad) => stepWith(straight.optimizer, grad, 0.1));

    const first = setup(DECAYED, 0.01);
    GRADS.slice(0, 2).forEach((grad) => stepWith(first.optimizer, grad, 0.1));
    const state = await first.optimizer.getState();
    expect(state.step).toBe(2);
    const w = state.params.w;
    expect(w?.step).toBe(2);
    expect(w?.exp_avg).toBeInstanceOf(Float32Array);
    expect(w?.exp_avg[0]).toBeCloseTo(0.9 * 0.05 + 0.1 * 0.1, 7);

    const resumed = setup(DECAYED, 0.01);
    resumed.w.assign(first.w);
    resumed.optimizer.loadState(state);
    stepWith(resumed.optimizer, GRADS[2]!, 0.1);
    expect(Array.from(resumed.w.dataSync())).toEqual(Array.from(straight.w.dataSync()));
    expect(resumed.optimizer.stepCount).toBe(3);
  });

  it('rejects a state for other parameters or sizes', () => {
    const { optimizer } = setup(DECAYED, 0);
    const values = new Float32Array(2);
    expect(() => optimizer.loadState({ step: 1, params: { other: { step: 1, exp_avg: values, exp_avg_sq: values } } })).toThrow(
      'AdamW state has other, which this run does not train',
    );
    const short = new Float32Array(3);
    expect(() => optimizer.loadState({ step: 1, params: { w: { step: 1, exp_avg: short, exp_avg_sq: short } } })).toThrow('has 3 values');
  });

  it('leaks no tensors: a step keeps the count, dispose frees the moments', async () => {
    const before = tf.memory().numTensors;
    const { optimizer, variables } = setup(DECAYED, 0.01);
    stepWith(optimizer, GRADS[0]!, 0.1); // creates m and v
    const afterFirst = tf.memory().numTensors;
    stepWith(optimizer, GRADS[1]!, 0.1);
    stepWith(optimizer, GRADS[2]!, 0.1);
    expect(tf.memory().numTensors).toBe(afterFirst);
    optimizer.loadState(await optimizer.getState());
    expect(tf.memory().numTensors).toBe(afterFirst);
    optimizer.dispose();
    variables.forEach((v) => v.dispose());
    expect(tf.memory().numTensors).toBe(before);
  });
});
