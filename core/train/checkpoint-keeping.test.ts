// Which checkpoints a run keeps (save_total_limit, the best always kept) and which it
// resumes from (the newest that reads whole; a damaged one is named and passed over).
import { mkdirSync, mkdtempSync, readdirSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { loadHfModel } from '../checkpoint/hf-folder-node';
import { referenceCheckpointDir } from '../model/testing';
import { checkpointProblem, listCheckpoints, newestIntactCheckpoint, rotateCheckpoints, RunFolderCheckpoints } from './checkpoint-node';
import { parseTrainingSettings } from './settings';
import { readReferenceRun, referenceFeatures, referenceTrainingInput } from './testing';
import { Trainer } from './trainer';

let scratch: string;
beforeAll(async () => {
  await tf.setBackend('cpu');
  scratch = mkdtempSync(join(tmpdir(), 'checkpoint-keeping-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function fakeCheckpoints(name: string, steps: number[]): string {
  const runDir = join(scratch, name);
  for (const step of steps) mkdirSync(join(runDir, 'checkpoints', `step-${step}`), { recursive: true });
  return runDir;
}

const kept = async (runDir: string) => (await listCheckpoints(runDir)).map((c) => c.step);

describe('rotateCheckpoints (save_total_limit)', () => {
  it('keeps the newest `limit`, as Transformers does', async () => {
    const runDir = fakeCheckpoints('newest', [10, 20, 30, 40]);
    expect((await rotateCheckpoints(runDir, 2)).map((c) => c.step)).toEqual([10, 20]);
    expect(await kept(runDir)).toEqual([30, 40]);
  });

  it('always keeps the best, counted within the limit', async () => {
    const runDir = fakeCheckpoints('best', [10, 20, 30, 40]);
    await rotateCheckpoints(runDir, 2, 10);
    expect(await kept(runDir)).toEqual([10, 40]);
  });

  it('with a limit of 1 keeps the best and the newest, so the run can still resume', async () => {
    const runDir = fakeCheckpoints('one', [10, 20, 30]);
    await rotateCheckpoints(runDir, 1, 20);
    expect(await kept(runDir)).toEqual([20, 30]);
    const same = fakeCheckpoints('one-best-newest', [10, 20, 30]);
    await rotateCheckpoints(same, 1, 30);
    expect(await kept(same)).toEqual([30]);
  });

  it('keeps all with no limit (null or 0), and ignores a best step that has no checkpoint', async () => {
    const runDir = fakeCheckpoints('all', [1, 2, 3]);
    await rotateCheckpoints(runDir, null, 2);
    await rotateCheckpoints(runDir, 0, 2);
    expect(await kept(runDir)).toEqual([1, 2, 3]);
    await rotateCheckpoints(runDir, 2, 99);
    expect(await kept(runDir)).toEqual([2, 3]);
  });

  it('is applied by the run folder at every save: a 12-step run saving every 2 steps keeps 2 folders', async () => {
    const run = readReferenceRun();
    const settings = parseTrainingSettings({ ...referenceTrainingInput(run), save_steps: 2, save_total_limit: 2 });
    const { model, tokenizer } = await loadHfModel(referenceCheckpointDir('sequence-classification'));
    const runDir = join(scratch, 'trained');
    await new Trainer({ model, train: referenceFeatures(run), settings, checkpoints: new RunFolderCheckpoints(runDir, tokenizer, { saveTotalLimit: settings.save_total_limit }) }).train();
    model.dispose();
    expect(readdirSync(join(runDir, 'checkpoints')).sort()).toEqual(['step-10', 'step-12']);
  });
});

describe('resuming from the newest intact checkpoint', () => {
  let runDir: string;
  beforeAll(async () => {
    const run = readReferenceRun();
    const settings = parseTrainingSettings({ ...referenceTrainingInput(run), max_steps: 6, save_steps: 2 });
    const { model, tokenizer } = await loadHfModel(referenceCheckpointDir('sequence-classification'));
    runDir = join(scratch, 'resume');
    await new Trainer({ model, train: referenceFeatures(run), settings, checkpoints: new RunFolderCheckpoints(runDir, tokenizer) }).train();
    model.dispose();
  });

  it('passes over damaged checkpoints, naming the file and the problem', async () => {
    expect(await kept(runDir)).toEqual([2, 4, 6]);
    expect(await checkpointProblem(join(runDir, 'checkpoints/step-6'))).toBeUndefined();
    writeFileSync(join(runDir, 'checkpoints/step-6/trainer_state.json'), '{"version": 1, "global_st');
    truncateSync(join(runDir, 'checkpoints/step-4/model.safetensors'), 1000);
    const skipped: string[] = [];
    const chosen = await newestIntactCheckpoint(runDir, (checkpoint, problem) => skipped.push(`${checkpoint.path}: ${problem}`));
    expect(chosen).toEqual({ step: 2, path: 'checkpoints/step-2' });
    expect(skipped).toHaveLength(2);
    expect(skipped[0]).toContain(join(runDir, 'checkpoints/step-6/trainer_state.json'));
    expect(skipped[0]).toContain('is not valid JSON');
    expect(skipped[1]).toContain(join(runDir, 'checkpoints/step-4/model.safetensors'));
    expect(skipped[1]).toContain('runs past the end of the file');
  });

  it('names a missing file, and finds none when every checkpoint is damaged', async () => {
    rmSync(join(runDir, 'checkpoints/step-2/optimizer.safetensors'));
    expect(await checkpointProblem(join(runDir, 'checkpoints/step-2'))).toBe(`${join(runDir, 'checkpoints/step-2/optimizer.safetensors')} is missing`);
    expect(await newestIntactCheckpoint(runDir)).toBeUndefined();
  });
});
