// The run's data notes: each is one warning line of the run log, which says "warning"
// itself, so a note is the problem's place and words without a severity of its own (it
// read "warning: warning: train.csv: …" in the CLI).
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseRunConfig } from '../../core/train/run-config';
import { loadDefaultTokenizer } from '../../core/tokenizer/load-node';
import { loadTrainingData } from './training-data';

const scratch = mkdtempSync(path.join(tmpdir(), 'training-data-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('the data notes of a run', () => {
  it('name the file and the problem, without a severity word of their own', async () => {
    const train = path.join(scratch, 'train.csv');
    writeFileSync(train, `text,label\n${'a long review that goes on and on about the film '.repeat(3)},1\nshort,0\nfine,1\nbad,0\n`);
    const config = parseRunConfig({ task: 'classification', model: { preset: 'bert-tiny' }, data: { train, validation: train }, training: { max_seq_length: 8 } });
    const data = await loadTrainingData(config, await loadDefaultTokenizer());
    expect(data.notes.length).toBeGreaterThan(0);
    expect(data.notes.some((note) => note.startsWith(`${train}: `) && note.includes('longer than max_seq_length 8'))).toBe(true);
    for (const note of data.notes) expect(note).not.toMatch(/^(warning|error|info): /);
  });
});
