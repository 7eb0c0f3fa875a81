// `bert-workbench fill-mask` on a masked-LM checkpoint folder, and its refusals.
import { describe, expect, it } from 'vitest';
import { referenceCheckpointDir } from '../../../core/model/testing';
import type { CliIO } from '../command';
import { runCli } from '../main';

function capture(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', isTTY: false, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

describe('bert-workbench fill-mask', () => {
  it('ranks tokens at the [MASK] of a BertForPreTraining folder', async () => {
    const io = capture();
    expect(await runCli(['fill-mask', '--model', referenceCheckpointDir('pretraining'), '--top-k', '3', '--json', 'john caught a [MASK] while fishing .'], io)).toBe(0);
    const prediction = JSON.parse(io.out) as { task: string; masks: { candidates: { probability: number }[] }[] };
    expect(prediction.task).toBe('fill-mask');
    const probabilities = prediction.masks[0]!.candidates.map((c) => c.probability);
    expect(probabilities).toHaveLength(3);
    expect([...probabilities].sort((a, b) => b - a)).toEqual(probabilities);
  });

  it('refuses a classifier folder and a text without [MASK], saying why', async () => {
    const classifier = capture();
    expect(await runCli(['fill-mask', '--model', referenceCheckpointDir('sequence-classification'), 'a [MASK] b'], classifier)).not.toBe(0);
    expect(classifier.err).toContain('not a masked-LM checkpoint');
    const noMask = capture();
    expect(await runCli(['fill-mask', '--model', referenceCheckpointDir('pretraining'), 'no mask'], noMask)).not.toBe(0);
    expect(noMask.err).toContain('write [MASK]');
  });
});
