// The pre-flight check sizes a run for its longest batch: under dynamic padding that is the
// data's longest example, not max_seq_length.
import { describe, expect, it } from 'vitest';
import { knownLimits } from '../../core/backend/limits';
import { presetConfig } from '../../core/model/config';
import { estimateMemory } from '../../core/model/memory';
import { USABLE_MEMORY_SHARE } from '../../core/train/preflight';
import { parseRunConfig } from '../../core/train/run-config';
import { checkRunFits, longestBatchLength } from './run-fits';

const config = parseRunConfig({ task: 'classification', model: { preset: 'bert-base' }, data: { train: 'train.tsv' }, training: { batch_size: 16, max_seq_length: 128 } });
const model = presetConfig('bert-base');

describe('checkRunFits', () => {
  it('takes the longest example within max_seq_length, and max_seq_length when the lengths are not known', () => {
    expect(longestBatchLength(config, model, 66)).toBe(66);
    expect(longestBatchLength(config, model, 300)).toBe(128);
    expect(longestBatchLength(config, model)).toBe(128);
  });

  it('does not switch gradient checkpointing on for data far shorter than max_seq_length when that fits', () => {
    const needs = (seqLen: number) => estimateMemory(model, { batchSize: 16, seqLen, headName: 'sequence-classification' }).total;
    const free = (needs(66) + needs(128)) / 2 / USABLE_MEMORY_SHARE; // enough at 66 tokens, not at 128
    const sizedForMax = checkRunFits(config, model, knownLimits('native-cpu'), free);
    const sizedForData = checkRunFits(config, model, knownLimits('native-cpu'), free, 66);
    expect(sizedForMax).toMatchObject({ fits: true, gradientCheckpointing: true });
    expect(sizedForData).toMatchObject({ fits: true, gradientCheckpointing: false, notes: [] });
  });
});
