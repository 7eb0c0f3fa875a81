// Every native kernel against tfjs-backend-cpu on the same inputs: random shapes,
// every transpose combination, broadcasting, non-contiguous reductions, and gradients
// through them. Skipped (with the reason) where `npm run build:native` has not run.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { embeddingLookup } from '../model/nn';
import { nativeCpuStats } from './backend';
import { nativeCpuBuilt } from './test-backends-node';
import { registerNativeCpuBackendNode } from './native-cpu-node';
import { markTrainingStepEnd } from './step-end';
import { expectMatchesCpu, gradientsOf, random } from './testing';

const built = nativeCpuBuilt();

describe.skipIf(!built)('native-cpu kernels match tfjs-backend-cpu', () => {
  beforeAll(() => {
    registerNativeCpuBackendNode();
  });

  afterAll(async () => {
    // Everything above was float32 in supported shapes: nothing should have fallen back,
    // except the int32 case that checks the fallback itself.
    expect(Object.keys(nativeCpuStats()!.fallbacks).filter((name) => name !== tf.Add)).toEqual([]);
    await tf.setBackend('cpu');
  });

  describe('BatchMatMul', () => {
    // [name, a shape, b shape, the broadcast batch shape when the batch dimensions differ]
    const cases: [string, number[], number[], number[]?][] = [
      ['2-D', [7, 5], [5, 9]],
      ['3-D batched', [3, 6, 4], [3, 4, 5]],
      ['4-D attention-like', [2, 3, 16, 8], [2, 3, 8, 16]],
      ['broadcast batch', [2, 1, 5, 4], [1, 3, 4, 6], [2, 3]],
      ['3-D times 2-D (one tall product)', [4, 33, 20], [20, 17], [4]],
      ['2-D times 3-D', [6, 5], [3, 5, 7], [3]],
      ['large enough to split across threads', [96, 130], [130, 70]],
    ];
    const swap = (shape: number[], flag: boolean): number[] => (flag ? [...shape.slice(0, -2), shape.at(-1)!, shape.at(-2)!] : shape);
    for (const [name, aShape, bShape, batch] of cases) {
      for (const [transposeA, transposeB] of [[false, false], [true, false], [false, true], [true, true]] as const) {
        it(`${name}, transposeA=${transposeA} transposeB=${transposeB}`, async () => {
          const a = random(swap(aShape, transposeA));
          const b = random(swap(bShape, transposeB));
          const product = (x?: tf.Tensor, y?: tf.Tensor): tf.Tensor => tf.matMul(x!, y!, transposeA, transposeB);
          if (!batch) {
            await expectMatchesCpu(product, [a, b], { atol: 1e-5 });
            await expectMatchesCpu(gradientsOf(product), [a, b], { atol: 1e-5 });
            return;
          }
          // The cpu kernel pairs broadcast batches by flat index modulo each batch size,
          // which is wrong for [2, 1] x [1, 3]; the reference broadcasts explicitly first.
          // (TF.js's BatchMatMul gradient cannot reduce broadcast batches: forward only.)
          const full = (x: tf.Tensor): tf.Tensor => tf.broadcastTo(x, [...batch, ...x.shape.slice(-2)]);
          await expectMatchesCpu(product, [a, b], { atol: 1e-5, reference: (x, y) => product(full(x!), full(y!)) });
        });
      }
    }

    it('an empty inner dimension gives zeros', async () => {
      await expectMatchesCpu((x, y) => tf.matMul(x!, y!), [random([3, 0]), random([0, 4])]);
    });
  });

  it('_FusedMatMul with bias and relu', async () => {
    const inputs = [random([2, 6, 5]), random([5, 4]), random([4])];
    await expectMatchesCpu((x, w, bias) => tf.fused.matMul({ a: x!, b: w!, bias, activation: 'relu' }), inputs, { atol: 1e-5 });
    await expectMatchesCpu((x, w, bias) => tf.fused.matMul({ a: x!, b: w!, bias, transposeB: true, activation: 'linear' }), [random([2, 6, 5]), random([4, 5]), random([4])], { atol: 1e-5 });
    // A bias of [1, n] is added inside the product too; one of [m, n] (not the same on every row) by a separate add.
    await expectMatchesCpu((x, w, bias) => tf.fused.matMul({ a: x!, b: w!, bias, transposeA: true }), [random([3, 5, 7]), random([3, 5, 4]), random([1, 4])], { atol: 1e-5 });
    await expectMatchesCpu((x, w, bias) => tf.fused.matMul({ a: x!, b: w!, bias }), [random([2, 6, 5]), random([5, 4]), random([6, 4])], { atol: 1e-5 });
    await expectMatchesCpu((x, w, bias) => tf.fused.matMul({ a: x!, b: w!, bias }), [random([6, 0]), random([0, 4]), random([4])], { atol: 0 }); // k = 0: the bias alone
  });

  describe('binary ops with broadcasting', () => {
    const ops: [string, (a: tf.Tensor, b: tf.Tensor) => tf.Tensor, number, number][] = [
      ['add', tf.add, -2, 2],
      ['sub', tf.sub, -2, 2],
      ['mul', tf.mul, -2, 2],
      ['div', tf.div, 0.5, 2],
      ['squaredDifference', tf.squaredDifference, -2, 2],
      ['maximum', tf.maximum, -2, 2],
      ['minimum', tf.minimum, -2, 2],
      ['pow', tf.pow, 0.5, 2],
    ];
    const shapes: [number[], number[]][] = [
      [[2, 3, 4], [2, 3, 4]],
      [[2, 3, 4], [4]],
      [[2, 3, 4], [3, 1]],
      [[2, 1, 4], [1, 3, 1]],
      [[4, 2, 5, 5], [4, 1, 1, 5]],
      [[3, 5], []],
      [[], [3, 5]],
      [[1], [6]],
      [[70000], [70000]],
    ];
    for (const [name, op, lo, hi] of ops) {
      it(name, async () => {
        for (const [aShape, bShape] of shapes) {
          const inputs = [random(aShape, lo, hi), random(bShape, lo, hi)];
          await expectMatchesCpu((a, b) => op(a!, b!), inputs, { rtol: 1e-6 });
          // Maximum/minimum have no gradient at ties; TF.js's squaredDifference gradient does not reduce broadcast axes.
          const differentiable = name !== 'maximum' && name !== 'minimum' && (name !== 'squaredDifference' || aShape.join() === bShape.join());
          if (differentiable) await expectMatchesCpu(gradientsOf((a, b) => op(a!, b!)), inputs, { rtol: 1e-5, atol: 1e-5 });
        }
      });
    }

    it('falls back to the cpu kernel for int32', async () => {
      await tf.setBackend('native-cpu');
      expect(Array.from(await tf.add(tf.tensor1d([1, 2], 'int32'), tf.tensor1d([3, 4], 'int32')).data())).toEqual([4, 6]);
    });
  });

  describe('unary ops', () => {
    // erf is Abramowitz-Stegun's approximation on both backends (absolute error 1.5e-7),
    // evaluated in float32 here and in float64 there: equal to a few 1e-7 absolute.
    const ops: [string, (x: tf.Tensor) => tf.Tensor, number, number][] = [
      ['exp', tf.exp, -10, 10],
      ['erf', tf.erf, -4, 4],
      ['sqrt', tf.sqrt, 0.01, 9],
      ['rsqrt', tf.rsqrt, 0.01, 9],
      ['square', tf.square, -3, 3],
      ['neg', tf.neg, -3, 3],
      ['tanh', tf.tanh, -5, 5],
      ['log', tf.log, 0.01, 9],
      ['floor', tf.floor, -5, 5],
      ['abs', tf.abs, -3, 3],
      ['reciprocal', tf.reciprocal, 0.1, 3],
      ['sigmoid', tf.sigmoid, -8, 8],
      ['relu', tf.relu, -3, 3],
    ];
    for (const [name, op, lo, hi] of ops) {
      it(name, async () => {
        for (const shape of [[5], [3, 70001]]) {
          await expectMatchesCpu((x) => op(x!), [random(shape, lo, hi)], { rtol: 2e-6, atol: name === 'erf' ? 5e-7 : 2e-7 });
        }
        if (name !== 'floor') await expectMatchesCpu(gradientsOf((x) => op(x!)), [random([4, 9], lo, hi)], { rtol: 1e-5, atol: 1e-6 });
      });
    }

    it('exp is exactly 0 far below and infinite far above, and keeps NaN', async () => {
      await expectMatchesCpu((x) => tf.exp(x!), [{ values: Float32Array.of(-1e9, -100, -87.5, 88.5, 100, NaN), shape: [6] }]);
    });
  });

  it('softmax over the last axis, and its gradient', async () => {
    for (const shape of [[3, 7], [2, 4, 16, 16]]) {
      await expectMatchesCpu((x) => tf.softmax(x!), [random(shape, -6, 6)], { atol: 1e-7 });
      await expectMatchesCpu(gradientsOf((x) => tf.softmax(x!)), [random(shape, -6, 6)], { atol: 1e-6 });
    }
    // A masked attention score: exactly zero weight, as on cpu.
    await expectMatchesCpu((x) => tf.softmax(x!), [{ values: Float32Array.of(1, 2, -1e9, 0.5), shape: [1, 4] }], { atol: 0 });
  });

  describe('reductions', () => {
    const axesCases: (number | number[] | undefined)[] = [undefined, 0, -1, 1, [0, 1], [1, 2], [0, 2], [0, 1, 2]];
    for (const [name, op] of [['sum', tf.sum], ['mean', tf.mean], ['max', tf.max], ['min', tf.min]] as const) {
      it(name, async () => {
        for (const axis of axesCases) {
          for (const keepDims of [false, true]) {
            await expectMatchesCpu((x) => op(x!, axis, keepDims), [random([3, 5, 7])], { rtol: 1e-6 });
          }
        }
        await expectMatchesCpu((x) => op(x!, 0), [random([300, 257])], { rtol: 1e-5 });
        await expectMatchesCpu((x) => op(x!, -1), [random([257, 300])], { rtol: 1e-5 });
        if (name === 'sum' || name === 'mean') await expectMatchesCpu(gradientsOf((x) => op(x!, [0, 2])), [random([3, 5, 7])]);
      });
    }

    it('moments (LayerNorm) and its gradient', async () => {
      const layerNormish = (x: tf.Tensor): tf.Tensor => {
        const { mean, variance } = tf.moments(x, -1, true);
        return tf.mul(tf.sub(x, mean), tf.rsqrt(tf.add(variance, 1e-12)));
      };
      await expectMatchesCpu((x) => layerNormish(x!), [random([4, 6, 32])], { rtol: 1e-5, atol: 1e-5 });
      await expectMatchesCpu(gradientsOf((x) => layerNormish(x!)), [random([4, 6, 32])], { rtol: 1e-4, atol: 1e-4 });
    });
  });

  it('transpose, float32 and int32, every permutation up to rank 4 and a few of rank 5', async () => {
    const permutations = (n: number): number[][] => (n === 1 ? [[0]] : permutations(n - 1).flatMap((p) => Array.from({ length: n }, (_, i) => [...p.slice(0, i), n - 1, ...p.slice(i)])));
    const shapes = [[5, 7], [3, 4, 5], [2, 3, 4, 5], [2, 1, 3, 1, 4]];
    for (const shape of shapes) {
      const perms = shape.length === 5 ? [[4, 3, 2, 1, 0], [0, 2, 1, 3, 4], [1, 0, 4, 2, 3]] : permutations(shape.length);
      for (const perm of perms) {
        await expectMatchesCpu((x) => tf.transpose(x!, perm), [random(shape)], { rtol: 0, atol: 0 });
        const ints = { values: Int32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i), shape };
        await expectMatchesCpu((x) => tf.transpose(x!, perm), [ints], { rtol: 0, atol: 0 });
      }
    }
    await expectMatchesCpu((x) => tf.transpose(x!), [random([300, 200])], { rtol: 0, atol: 0 }); // tiles and threads
    await expectMatchesCpu(gradientsOf((x) => tf.transpose(x!, [0, 2, 1, 3])), [random([2, 5, 3, 4])], { rtol: 0, atol: 0 });
  });

  it('slice and pad (the slice gradient), float32 and int32, strided and contiguous, ranks 1 to 4', async () => {
    const cases: [number[], number[], number[]][] = [
      [[10], [3], [4]],
      [[512, 16], [0, 0], [37, 16]], // the position embeddings' first rows: contiguous
      [[4, 9, 16], [0, 0, 0], [4, 1, 16]], // the pooler's [CLS]: strided
      [[3, 5, 7], [1, 2, 3], [2, -1, 4]],
      [[2, 3, 4, 5], [1, 0, 2, 1], [1, 3, 2, 3]],
      [[3, 4], [1, 1], [0, 2]], // empty
    ];
    for (const [shape, begin, size] of cases) {
      await expectMatchesCpu((x) => tf.slice(x!, begin, size), [random(shape)], { rtol: 0, atol: 0 });
      const ints = { values: Int32Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => i), shape };
      await expectMatchesCpu((x) => tf.slice(x!, begin, size), [ints], { rtol: 0, atol: 0 });
      if (!size.includes(0)) await expectMatchesCpu(gradientsOf((x) => tf.slice(x!, begin, size)), [random(shape)], { rtol: 0, atol: 0 });
    }
    await expectMatchesCpu((x) => tf.pad(x!, [[1, 2], [0, 3], [2, 0]], 7), [random([2, 3, 4])], { rtol: 0, atol: 0 });
    await expectMatchesCpu((x) => tf.pad(x!, [[0, 1], [2, 2]], -1), [{ values: Int32Array.of(1, 2, 3, 4, 5, 6), shape: [2, 3] }], { rtol: 0, atol: 0 });
  });

  it('a contiguous slice is a copy, not a view of its source: the source stays updatable in place', async () => {
    await tf.setBackend('native-cpu');
    const table = tf.tidy(() => tf.add(tf.zeros([8, 4]), 1)); // a pooled buffer
    const first = tf.slice(table, [0, 0], [3, 4]);
    expect(first.dataSync().buffer).not.toBe(table.dataSync().buffer);
    tf.dispose([table, first]);
  });

  it('gather and the embedding gradient (scatterND), duplicate ids included', async () => {
    const table = random([50, 12]);
    const ids = { values: Int32Array.from([3, 7, 3, 49, 0, 7, 7, 12]), shape: [2, 4] };
    await expectMatchesCpu((t, i) => tf.gather(t!, i!), [table, ids], { rtol: 0, atol: 0 });
    await expectMatchesCpu((t, i) => tf.gather(t!, tf.reshape(i!, [-1])), [random([50, 3, 4]), ids], { rtol: 0, atol: 0 });
    await expectMatchesCpu(gradientsOf((t) => embeddingLookup(t!, tf.tensor(ids.values, ids.shape, 'int32'))), [table], { rtol: 1e-6 });
  });

  it('rejects an out-of-range id instead of reading past the table', async () => {
    await tf.setBackend('native-cpu');
    const table = tf.zeros([4, 3]);
    expect(() => tf.gather(table, tf.tensor1d([1, 4], 'int32'))).toThrow(/not in \[0, 3\]/);
    table.dispose();
  });

  it('refuses per-head strides that reach past a buffer or make rows overlap, before any product', () => {
    const binding = registerNativeCpuBackendNode();
    const [B, T, A, D] = [2, 5, 3, 4];
    const heads = Int32Array.of(T * A * D, D, A * D); // the heads of [B, T, A · D]
    const scores = Int32Array.of(A * T * T, T * T, T); // packed [B, A, T, T]
    const x = new Float32Array(B * T * A * D);
    const product = (out: Float32Array, outStrides: Int32Array) => binding.headsMatmul(x, heads, x, heads, out, outStrides, B, A, T, T, D, false, true);
    expect(() => product(new Float32Array(B * A * T * T), scores)).not.toThrow();
    expect(() => product(new Float32Array(B * A * T * T - 1), scores)).toThrow(/^out has \d+ elements, needs/);
    expect(() => product(new Float32Array(B * A * T * T), Int32Array.of(A * T * T, T * T, T - 1))).toThrow(/overlap|closer/);
    expect(() => binding.headsMatmul(x.subarray(1), heads, x, heads, new Float32Array(B * A * T * T), scores, B, A, T, T, D, false, true)).toThrow(/^a has \d+ elements, needs/);
  });
});

describe.skipIf(!built)('native-cpu output buffers are recycled only when nothing else can see them', () => {
  beforeAll(async () => {
    registerNativeCpuBackendNode();
    await tf.setBackend('native-cpu');
  });

  it('reuses a released buffer for the next output of the same size', () => {
    const x = tf.ones([1000]);
    const before = nativeCpuStats()!.buffers.reused;
    tf.add(x, 1).dispose();
    tf.add(x, 2).dispose();
    expect(nativeCpuStats()!.buffers.reused).toBeGreaterThan(before);
    x.dispose();
  });

  it('a dataSync() result does not change when its tensor is gone and its buffer reused', () => {
    const x = tf.ones([1000]);
    const y = tf.add(x, 1);
    const read = y.dataSync();
    y.dispose();
    const z = tf.add(x, 41); // would take y's buffer
    expect(read[0]).toBe(2);
    expect(z.dataSync()[0]).toBe(42);
    tf.dispose([x, z]);
  });

  it('a step end frees at once (detaches) what the step did not reuse, never what a view still sees', () => {
    const x = tf.ones([50_000]);
    const unused = tf.add(x, 1); // pooled once disposed, then unused for a whole step
    const viewed = tf.add(x, 2);
    const view = tf.stridedSlice(viewed, [10], [15]); // the cpu kernel returns a subarray of viewed's buffer
    const freedBefore = nativeCpuStats()!.buffers.freed;
    unused.dispose();
    viewed.dispose();
    markTrainingStepEnd(); // the step they were released in
    markTrainingStepEnd(); // a whole step without reuse
    expect(nativeCpuStats()!.buffers.freed - freedBefore).toBeGreaterThanOrEqual(50_000 * 4);
    expect(Array.from(view.dataSync())).toEqual([3, 3, 3, 3, 3]);
    tf.dispose([x, view]);
  });

  it('a slice that views its source keeps its values after the source is disposed', () => {
    const x = tf.ones([10, 100]);
    const source = tf.add(x, 1); // pooled output
    const view = tf.stridedSlice(source, [2, 0], [5, 100]); // the cpu kernel returns a subarray of source's buffer
    source.dispose();
    const other = tf.add(x, 9); // same size as source: must not get its buffer
    expect(Array.from(view.dataSync().slice(0, 3))).toEqual([2, 2, 2]);
    tf.dispose([x, view, other]);
  });
});
