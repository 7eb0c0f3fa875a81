// Every fused native op against the composition of TF.js ops it replaces, run on
// tfjs-backend-cpu: forward and gradients within float32 rounding (the nn.ts functions
// pick the fused kernel on native-cpu and compose on cpu). Dropout masks are the same
// on both: the native kernel and core/model/dropout-mask.ts hash the same way.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { crossEntropy } from '../model/heads/losses';
import { dropoutWithSeed, layerNorm, linear, linearGelu } from '../model/nn';
import { globalGradNorm } from '../train/clip';
import { fusedAttention } from './fused-ops';
import { registerNativeCpuBackendNode } from './native-cpu-node';
import { nativeCpuBuilt } from './test-backends-node';
import { expectMatchesCpu, gradientsOf, random, runOn } from './testing';

const tolerance = { rtol: 1e-5, atol: 1e-5 };

/** [B, T, A · D] -> [B, A, T, D] */
function splitHeads(x: tf.Tensor, A: number): tf.Tensor {
  const [B, T, H] = x.shape as [number, number, number];
  return tf.transpose(tf.reshape(x, [B, T, A, H / A]), [0, 2, 1, 3]);
}

/** dropout(softmax(q·kᵀ / √D + bias)) · v per head of q, k, v [B, T, A · D]: fused where the kernels are, composed otherwise. */
function attention(q: tf.Tensor, k: tf.Tensor, v: tf.Tensor, bias: tf.Tensor, A: number, rate: number): tf.Tensor {
  const [B, T, H] = q.shape as [number, number, number];
  const D = H / A;
  const dropout = rate > 0 ? { rate, seed: 987654321 } : undefined;
  const fused = fusedAttention(q as tf.Tensor3D, k as tf.Tensor3D, v as tf.Tensor3D, bias as tf.Tensor2D, A, Math.sqrt(D), dropout);
  if (fused) return fused;
  const scores = tf.add(tf.div(tf.matMul(splitHeads(q, A), splitHeads(k, A), false, true), Math.sqrt(D)), tf.reshape(bias, [B, 1, 1, T]));
  const probs = tf.softmax(scores);
  const context = tf.matMul(dropout ? dropoutWithSeed(probs, rate, dropout.seed) : probs, splitHeads(v, A)); // [B, A, T, D]
  return tf.reshape(tf.transpose(context, [0, 2, 1, 3]), [B, T, H]);
}

describe.skipIf(!nativeCpuBuilt())('fused native ops match their TF.js composition', () => {
  beforeAll(() => {
    registerNativeCpuBackendNode();
  });

  it('LayerNorm, and its gradients for x, weight and bias', async () => {
    const inputs = [random([4, 6, 32]), random([32], 0.5, 1.5), random([32])];
    const op = (x?: tf.Tensor, w?: tf.Tensor, b?: tf.Tensor) => layerNorm(x!, w!, b!, 1e-12);
    await expectMatchesCpu(op, inputs, tolerance);
    await expectMatchesCpu(gradientsOf(op), inputs, { rtol: 1e-4, atol: 1e-4 });
  });

  it('dense + bias + GELU, and its gradients', async () => {
    const inputs = [random([2, 5, 16]), random([24, 16], -0.5, 0.5), random([24])];
    const op = (x?: tf.Tensor, w?: tf.Tensor, b?: tf.Tensor) => linearGelu(x!, w!, b!);
    await expectMatchesCpu(op, inputs, tolerance);
    await expectMatchesCpu(gradientsOf(op), inputs, tolerance);
  });

  it('dense with the [out, in] weight multiplied with transposeB, and its gradients', async () => {
    const inputs = [random([3, 4, 16]), random([8, 16]), random([8])];
    const op = (x?: tf.Tensor, w?: tf.Tensor, b?: tf.Tensor) => linear(x!, w!, b!);
    await expectMatchesCpu(op, inputs, tolerance);
    await expectMatchesCpu(gradientsOf(op), inputs, tolerance);
  });

  it('seeded dropout drops the same elements as the JavaScript mask, forward and backward', async () => {
    const x = random([3, 70001]);
    const op = (t?: tf.Tensor) => dropoutWithSeed(t!, 0.1, 4242);
    await expectMatchesCpu(op, [x], { rtol: 0, atol: 0 });
    await expectMatchesCpu(gradientsOf(op), [random([5, 33])], { rtol: 0, atol: 0 });
    const dropped = (await runOn('native-cpu', op, [x])).values[0]!.filter((v) => v === 0).length / x.values.length;
    expect(dropped).toBeGreaterThan(0.095);
    expect(dropped).toBeLessThan(0.105);
    const other = await runOn('native-cpu', (t) => dropoutWithSeed(t!, 0.1, 4243), [x]);
    expect(other.values[0]).not.toEqual((await runOn('native-cpu', op, [x])).values[0]);
  });

  it.each([
    [0, 7, 8],
    [0.1, 7, 8],
    [0.1, 8, 8], // T = D: the layouts of the products' operands must not be told apart by shape
    [0.1, 20, 16],
  ])('attention with a key mask and dropout %s (T %i, D %i), and its gradients for q, k and v', async (rate, T, D) => {
    const [B, A] = [2, 3];
    const bias = { values: Float32Array.from({ length: B * T }, (_, i) => (i % T >= 5 && i >= T ? -1e9 : 0)), shape: [B, T] };
    const inputs = [random([B, T, A * D]), random([B, T, A * D]), random([B, T, A * D])];
    const op = (q?: tf.Tensor, k?: tf.Tensor, v?: tf.Tensor) => attention(q!, k!, v!, tf.tensor(bias.values, bias.shape), A, rate);
    await expectMatchesCpu(op, inputs, tolerance);
    await expectMatchesCpu(gradientsOf(op), inputs, tolerance);
  });

  it('refuses operands that do not split into the heads, in words', async () => {
    await tf.setBackend('native-cpu');
    const [x, bias] = [tf.zeros([2, 5, 9]) as tf.Tensor3D, tf.zeros([2, 5]) as tf.Tensor2D];
    expect(() => fusedAttention(x, x, x, bias, 2, 1)).toThrow(/does not split into 2 heads/);
    tf.dispose([x, bias]);
  });

  it('cross-entropy with ignored labels, and its gradient', async () => {
    const labels = Int32Array.from([2, -100, 0, 4, 1, -100, 3]);
    const logits = random([7, 5], -4, 4);
    const loss = (x?: tf.Tensor) => crossEntropy(x!, tf.tensor1d(labels, 'int32'));
    await expectMatchesCpu(loss, [logits], tolerance);
    await expectMatchesCpu((x) => tf.grad((t: tf.Tensor) => loss(t))(x!), [logits], tolerance);
    // Nothing counted: 0, as the composition gives.
    await expectMatchesCpu((x) => crossEntropy(x!, tf.fill([7], -100, 'int32')), [logits], tolerance);
  });

  it('rejects a label that is no class id instead of reading past the row', async () => {
    await tf.setBackend('native-cpu');
    const logits = tf.zeros([2, 3]);
    expect(() => crossEntropy(logits, tf.tensor1d([1, 3], 'int32'))).toThrow(/label 3 is not a class id/);
    logits.dispose();
  });

  it('the global gradient norm (one sum of squares per gradient)', async () => {
    const grads = [random([300, 70]), random([70]), random([3, 5, 7]), random([200_001])]; // one past several native runs of 65,536
    const norm = async (backend: string) => {
      await tf.setBackend(backend);
      const tensors = grads.map((g) => tf.tensor(g.values, g.shape));
      const value = await globalGradNorm(new Map(tensors.map((t, i) => [String(i), t])));
      tf.dispose(tensors);
      return value;
    };
    expect(await norm('native-cpu')).toBeCloseTo(await norm('cpu'), 3);
  });
});
