// Gradient checkpointing recomputes each encoder layer in the backward pass: the loss and
// every gradient are those of the run that keeps its activations (dropout included, its
// seeds replayed), and no tensor is left behind, on every backend the model runs on.
import { describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { modelTestBackends } from '../native-cpu/test-backends-node';
import { Rng } from '../random';
import { presetConfig } from './config';
import { BertModel } from './model';
import { disposeInputs, readReferenceForward, toModelInputs } from './testing';
import { maxAbsDiff } from '../metrics/differences';

const config = { ...presetConfig('bert-tiny'), vocab_size: 200, max_position_embeddings: 32, hidden_size: 32, num_attention_heads: 2, intermediate_size: 64, num_hidden_layers: 3 };
const reference = readReferenceForward();

async function lossAndGradients(model: BertModel, gradientCheckpointing: boolean): Promise<{ loss: number; grads: Map<string, number[]> }> {
  const inputs = toModelInputs(reference.inputs);
  const labels = { labels: tf.tensor1d([1, 0, 1], 'int32') };
  const { loss, grads } = model.lossAndGradients(inputs, labels, { training: true, rng: new Rng(11), gradientCheckpointing });
  const values = new Map<string, number[]>();
  for (const [name, grad] of grads) values.set(name, Array.from(await grad.data()));
  const result = { loss: (await loss.data())[0]!, grads: values };
  tf.dispose([loss, ...grads.values(), labels.labels]);
  disposeInputs(inputs);
  return result;
}

describe.each(modelTestBackends())('gradient checkpointing on %s', (backend) => {
  it('gives the loss and gradients of the run that keeps its activations, and leaks nothing', async () => {
    await tf.setBackend(backend);
    const model = BertModel.create(config, 'sequence-classification', { seed: 2 });
    const kept = await lossAndGradients(model, false);
    const before = tf.memory().numTensors;
    const recomputed = await lossAndGradients(model, true);
    expect(tf.memory().numTensors).toBe(before);
    expect(recomputed.loss).toBeCloseTo(kept.loss, 6);
    expect([...recomputed.grads.keys()].sort()).toEqual([...kept.grads.keys()].sort());
    for (const [name, grad] of kept.grads) expect(maxAbsDiff(recomputed.grads.get(name), grad), name).toBeLessThan(1e-6);
    model.dispose();
  });
});
