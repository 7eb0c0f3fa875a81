// A training step (forward, gradients, plain SGD on every variable) leaks no tensors,
// and the gradients on wasm (custom embedding and dense gradients) match cpu.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { modelTestBackends } from '../native-cpu/test-backends-node';
import { Rng } from '../random';
import { loadHfModel } from '../checkpoint/hf-folder-node';
import { presetConfig } from './config';
import { BertModel } from './model';
import { disposeInputs, readReferenceForward, REFERENCE_DIR, REFERENCE_HEADS, referenceCheckpointDir, referenceGradients, toModelInputs, type ReferenceForward } from './testing';
import { maxAbsDiff } from '../metrics/differences';

interface TrainReference {
  batches: (ReferenceForward['inputs'] & { labels: number[] })[];
  steps: { loss: number; grad_norm: number }[];
}

const reference = readReferenceForward();

describe('gradients', () => {
  it.each(REFERENCE_HEADS)('%s: wasm matches cpu within 1e-5 and reaches every parameter', async (head) => {
    const cpu = await referenceGradients('cpu', head);
    const wasm = await referenceGradients('wasm', head);
    expect(Math.abs(cpu.loss - wasm.loss)).toBeLessThan(1e-5);
    expect([...wasm.grads.keys()]).toEqual([...cpu.grads.keys()]);
    for (const [name, grad] of cpu.grads) expect(maxAbsDiff(wasm.grads.get(name), grad), name).toBeLessThan(1e-5);
    // Every parameter the head reads gets a gradient (the pooler is unused by token classification and QA).
    const { model } = await loadHfModel(referenceCheckpointDir(head));
    const unused = model.params.names().filter((name) => !cpu.grads.has(name));
    expect(unused).toEqual(head === 'token-classification' || head === 'question-answering' ? ['bert.pooler.dense.weight', 'bert.pooler.dense.bias'] : []);
    model.dispose();
  });
});

describe.each(modelTestBackends())('training step on %s', (backend) => {
  it('gives the reference loss and gradient norm of the first fine-tuning step', async () => {
    await tf.setBackend(backend);
    const run = JSON.parse(readFileSync(join(REFERENCE_DIR, 'train-sequence-classification.json'), 'utf8')) as TrainReference;
    const { model } = await loadHfModel(referenceCheckpointDir('sequence-classification'));
    // freeze_embeddings and freeze_layers: 1, as the reference run.
    model.params.setTrainable(model.params.names().filter((n) => n.startsWith('bert.embeddings.') || n.startsWith('bert.encoder.layer.0.')), false);
    const batch = run.batches[0]!;
    const inputs = toModelInputs(batch);
    const labels = { labels: tf.tensor1d(batch.labels, 'int32') };
    const { loss, grads } = model.lossAndGradients(inputs, labels, { training: true, rng: new Rng(0) });
    const norm = tf.tidy(() => tf.sqrt(tf.addN([...grads.values()].map((g) => tf.sum(tf.square(g))))));
    expect((await loss.data())[0]).toBeCloseTo(run.steps[0]!.loss, 5);
    expect((await norm.data())[0]).toBeCloseTo(run.steps[0]!.grad_norm, 4);
    tf.dispose([loss, norm, labels.labels, ...grads.values()]);
    disposeInputs(inputs);
    model.dispose();
  });

  it('forward and an SGD step with dropout leak no tensors', async () => {
    await tf.setBackend(backend);
    const config = { ...presetConfig('bert-tiny'), vocab_size: 200, max_position_embeddings: 32, hidden_size: 32, num_attention_heads: 2, intermediate_size: 64 };
    const empty = tf.memory().numTensors;
    BertModel.create(config, 'sequence-classification', { seed: 3 }).dispose();
    expect(tf.memory().numTensors).toBe(empty);
    const model = BertModel.create(config, 'sequence-classification', { seed: 3 });
    const inputs = toModelInputs(reference.inputs);
    const labels = { labels: tf.tensor1d([1, 0, 1], 'int32') };
    const rng = new Rng(5);
    const before = tf.memory().numTensors;

    tf.dispose(model.forward(inputs, { training: false }));
    const losses: number[] = [];
    for (let step = 0; step < 2; step++) {
      const { loss, grads } = model.lossAndGradients(inputs, labels, { training: true, rng });
      tf.tidy(() => {
        for (const [name, grad] of grads) model.params.get(name).assign(tf.sub(model.params.get(name), tf.mul(grad, 0.1)));
      });
      losses.push((await loss.data())[0]!);
      tf.dispose([loss, ...grads.values()]);
    }

    expect(tf.memory().numTensors).toBe(before);
    expect(losses.every(Number.isFinite)).toBe(true);
    // Dropout is on when training: two passes with different seeds differ, evaluation is deterministic.
    const a = model.forward(inputs, { training: true, rng: new Rng(1) });
    const b = model.forward(inputs, { training: true, rng: new Rng(2) });
    expect(maxAbsDiff(await a.logits!.array(), await b.logits!.array())).toBeGreaterThan(0);
    tf.dispose([a, b, labels.labels]);
    expect(() => model.forward(inputs, { training: true })).toThrow('needs an rng');
    disposeInputs(inputs);
    model.dispose();
  });
});
