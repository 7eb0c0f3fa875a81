// The pre-training head decodes only the masked positions when training and evaluating:
// the same loss and the same gradients as decoding every position (what Transformers'
// BertForPreTraining computes), on the reference checkpoint, and no tensor left behind.
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../tf';
import { Rng } from '../../random';
import { loadHfModel } from '../../checkpoint/hf-folder-node';
import { maskedLmTargets } from '../../train/mlm-targets';
import { disposeInputs, readReferenceForward, referenceCheckpointDir, toModelInputs } from '../testing';
import { pretraining, pretrainingTerms } from './pretraining';
import type { Labels } from './task-head';
import { maxAbsDiff } from '../../metrics/differences';

const reference = readReferenceForward();
const T = reference.inputs.input_ids[0]!.length;
// Every third real token is masked; the batch's padding never is.
const labelRows = reference.inputs.input_ids.map((row, b) => row.map((id, t) => (reference.inputs.attention_mask[b]![t] === 1 && t % 3 === 1 ? id : -100)));

describe('pre-training at the masked positions only', () => {
  beforeAll(() => tf.setBackend('cpu'));

  it('gives the loss and gradients of the full-vocabulary decoder', async () => {
    const { model } = await loadHfModel(referenceCheckpointDir('pretraining'));
    const inputs = toModelInputs(reference.inputs);
    const labels = tf.tensor2d(labelRows, undefined, 'int32');
    const nsp = tf.tensor1d([0, 1, 0], 'int32');
    const full = { labels, next_sentence_label: nsp };
    const masked: Labels = { ...full, ...maskedLmTargets(labelRows, T) };
    expect(masked.masked_lm_positions!.shape).toEqual([labelRows.flat().filter((l) => l !== -100).length]);

    const before = tf.memory().numTensors;
    const fullLoss = tf.tidy(() => pretraining.loss(model.forward(inputs, { training: false }), full, inputs, model.config));
    const a = model.lossAndGradients(inputs, full, { training: false, rng: new Rng(1) });
    const b = model.lossAndGradients(inputs, masked, { training: false, rng: new Rng(1) });
    expect((await b.loss.data())[0]).toBeCloseTo((await fullLoss.data())[0]!, 5);
    expect((await a.loss.data())[0]).toBeCloseTo((await fullLoss.data())[0]!, 5);
    expect([...b.grads.keys()].sort()).toEqual([...a.grads.keys()].sort());
    for (const [name, grad] of a.grads) expect(maxAbsDiff(await b.grads.get(name)!.array(), await grad.array()), name).toBeLessThan(1e-6);
    tf.dispose([fullLoss, a.loss, b.loss, ...a.grads.values(), ...b.grads.values()]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([labels, nsp, masked.masked_lm_positions!, masked.masked_lm_ids!]);
    disposeInputs(inputs);
    model.dispose();
  });

  it('counts masked-LM and NSP accuracy from the masked positions', async () => {
    const { model } = await loadHfModel(referenceCheckpointDir('pretraining'));
    const inputs = toModelInputs(reference.inputs);
    const outputs = model.forward(inputs, { training: false });
    const logits = (await outputs.prediction_logits!.array()) as number[][][];
    const nspLogits = (await outputs.seq_relationship_logits!.array()) as number[][];
    // Expected from the full outputs, by hand.
    let correct = 0;
    let count = 0;
    labelRows.forEach((row, b) =>
      row.forEach((label, t) => {
        if (label === -100) return;
        count++;
        const scores = logits[b]![t]!;
        if (scores.indexOf(Math.max(...scores)) === label) correct++;
      }),
    );
    const nspLabels = [0, 1, 1];
    const nspCorrect = nspLabels.filter((label, b) => (nspLogits[b]![0]! >= nspLogits[b]![1]! ? 0 : 1) === label).length;
    const labels = { labels: tf.tensor2d(labelRows, undefined, 'int32'), next_sentence_label: tf.tensor1d(nspLabels, 'int32'), ...maskedLmTargets(labelRows, T) };
    const terms = model.withEncoded(inputs, { training: false }, (ctx, encoded) => {
      const t = pretrainingTerms(ctx, encoded, labels);
      return [t.mlmCorrect, t.mlmCount, t.nsp!.correct, t.nsp!.count];
    });
    expect(await Promise.all(terms.map(async (t) => (await t.data())[0]))).toEqual([correct, count, nspCorrect, 3]);
    tf.dispose([...terms, ...Object.values(labels), ...Object.values(outputs)]);
    disposeInputs(inputs);
    model.dispose();
  });

  it('has a zero masked-LM loss and no decoder work when nothing is masked', async () => {
    const { model } = await loadHfModel(referenceCheckpointDir('pretraining'));
    const inputs = toModelInputs(reference.inputs);
    const none = labelRows.map((row) => row.map(() => -100));
    const labels = { labels: tf.tensor2d(none, undefined, 'int32'), ...maskedLmTargets(none, T) };
    const loss = model.loss(inputs, labels, { training: false });
    expect(Math.abs((await loss.data())[0]!)).toBe(0);
    tf.dispose([loss, ...Object.values(labels)]);
    disposeInputs(inputs);
    model.dispose();
  });
});
