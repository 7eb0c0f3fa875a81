// Pre-training against PyTorch: the run the New run form configures (task mlm, the
// reference BertForPreTraining checkpoint, a text corpus with documents, next-sentence
// prediction on) builds the same batches every time, and every step's loss (masked LM at
// the masked positions only + NSP) matches PyTorch's full-vocabulary loss on those
// batches within 1e-4 relative (core/testdata/bert-reference/train-pretraining.json,
// made by scripts/pretraining_reference.py).
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import * as tf from '../../core/tf';
import { REFERENCE_DIR } from '../../core/model/testing';
import { modelTestBackends } from '../../core/native-cpu/test-backends-node';
import { recordReferenceRun, type ReferenceRunRecord } from './testing-pretraining-reference';

const reference = JSON.parse(readFileSync(path.join(REFERENCE_DIR, 'train-pretraining.json'), 'utf8')) as ReferenceRunRecord & { tolerance: { loss_relative: number } };

describe.each(modelTestBackends().filter((b) => b !== 'wasm'))('the pre-training reference run on %s', (backend) => {
  it('feeds the recorded batches and reproduces PyTorch\'s losses, learning rates and gradient norms', async () => {
    await tf.setBackend(backend);
    const run = await recordReferenceRun();
    expect(run.config).toEqual(reference.config);
    expect(run.batches).toEqual(reference.batches);
    // Both kinds of next-sentence pair and of masking action occur.
    const nsp = run.batches.flatMap((b) => b.next_sentence_label);
    expect(new Set(nsp)).toEqual(new Set([0, 1]));
    expect(run.batches.some((b) => b.labels.some((row, i) => row.some((label, t) => label !== -100 && b.input_ids[i]![t] === label)))).toBe(true);

    expect(run.steps.map((s) => s.step)).toEqual(reference.steps.map((s) => s.step));
    let worst = 0;
    run.steps.forEach((actual, i) => {
      const expected = reference.steps[i]!;
      worst = Math.max(worst, Math.abs(actual.loss - expected.loss) / expected.loss);
      expect(actual.learning_rate, `step ${expected.step}`).toBeCloseTo(expected.learning_rate, 12);
      expect(actual.grad_norm, `step ${expected.step}`).toBeCloseTo(expected.grad_norm, 4);
    });
    console.log(`pre-training reference on ${backend}: max relative loss error ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(reference.tolerance.loss_relative);
  });
});
