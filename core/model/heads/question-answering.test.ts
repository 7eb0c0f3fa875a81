// The QA loss does not depend on padding: the start/end softmax runs over real tokens
// only, so an example's loss is the same alone, pre-padded, or batched with a longer
// one; and on the reference checkpoint it is the cross-entropy of PyTorch's own logits
// over the real tokens.
import { describe, expect, it } from 'vitest';
import * as tf from '../../tf';
import { loadHfModel } from '../../checkpoint/hf-folder-node';
import { presetConfig } from '../config';
import type { ModelInputs } from '../encoder';
import { BertModel } from '../model';
import { disposeInputs, readReferenceForward, referenceCheckpointDir, toModelInputs } from '../testing';

const config = { ...presetConfig('bert-tiny'), vocab_size: 120, hidden_size: 32, num_attention_heads: 2, intermediate_size: 64, max_position_embeddings: 32 };

/** Rows padded with [PAD] (id 0) and attention mask 0 up to `length`. */
function batch(rows: number[][], length: number): ModelInputs {
  const pad = (row: number[], fill: number) => [...row, ...new Array<number>(length - row.length).fill(fill)];
  return {
    inputIds: tf.tensor2d(rows.map((row) => pad(row, 0)), [rows.length, length], 'int32'),
    tokenTypeIds: tf.zeros([rows.length, length], 'int32') as tf.Tensor2D,
    attentionMask: tf.tensor2d(rows.map((row) => pad(row.map(() => 1), 0)), [rows.length, length], 'int32'),
  };
}

async function lossOf(model: BertModel, inputs: ModelInputs, starts: number[], ends: number[]): Promise<number> {
  const labels = { start_positions: tf.tensor1d(starts, 'int32'), end_positions: tf.tensor1d(ends, 'int32') };
  const loss = model.loss(inputs, labels, { training: false });
  const value = (await loss.data())[0]!;
  tf.dispose([loss, ...Object.values(labels)]);
  disposeInputs(inputs);
  return value;
}

describe('question-answering loss', () => {
  it('is the same however much padding the batch carries', async () => {
    await tf.setBackend('cpu');
    const model = BertModel.create(config, 'question-answering', { seed: 4 });
    const short = [2, 17, 33, 3, 45, 46, 3];
    const long = [2, 50, 51, 52, 53, 3, 60, 61, 62, 63, 64, 65, 3];
    const alone = await lossOf(model, batch([short], short.length), [4], [5]);
    const prePadded = await lossOf(model, batch([short], 20), [4], [5]);
    expect(prePadded).toBeCloseTo(alone, 6);
    // Batched with a longer example, the mean of the two losses taken alone.
    const other = await lossOf(model, batch([long], long.length), [7], [9]);
    const together = await lossOf(model, batch([short, long], long.length), [4, 7], [5, 9]);
    expect(together).toBeCloseTo((alone + other) / 2, 6);
    // A label on a padded position is ignored, like one past the sequence end.
    const onPadding = await lossOf(model, batch([short, long], long.length), [4, 7], [10, 9]);
    const startOnly = await lossOf(model, batch([short], short.length), [4], [short.length]);
    const longEnd = await lossOf(model, batch([long], long.length), [7], [long.length]);
    expect(Number.isFinite(onPadding)).toBe(true);
    expect(onPadding).toBeGreaterThan(0);
    expect(startOnly).toBeLessThan(alone); // only the start loss counts, halved
    expect(longEnd).toBeLessThan(other);
    model.dispose();
  });

  it("is the cross-entropy of PyTorch's reference logits over each example's real tokens", async () => {
    await tf.setBackend('cpu');
    const reference = readReferenceForward();
    const outputs = reference.checkpoints['question-answering']!.outputs as Record<string, number[][]>;
    const mask = reference.inputs.attention_mask;
    const starts = [3, 7, 1];
    const ends = [5, 7, 2];
    /** -log softmax(logits over the real tokens)[position], averaged over the batch. */
    const expectedLoss = (logits: number[][], positions: number[]) =>
      logits.reduce((sum, row, b) => {
        const real = row.filter((_, t) => mask[b]![t] === 1);
        const max = Math.max(...real);
        const logSum = Math.log(real.reduce((s, v) => s + Math.exp(v - max), 0)) + max;
        return sum + (logSum - row[positions[b]!]!);
      }, 0) / logits.length;
    const expected = (expectedLoss(outputs.start_logits!, starts) + expectedLoss(outputs.end_logits!, ends)) / 2;
    const { model } = await loadHfModel(referenceCheckpointDir('question-answering'));
    const actual = await lossOf(model, toModelInputs(reference.inputs), starts, ends);
    expect(actual).toBeCloseTo(expected, 4);
    model.dispose();
  });
});
