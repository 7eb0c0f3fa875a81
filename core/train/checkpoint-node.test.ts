// Checkpoints in a run folder: complete or absent, bit-exact, loadable as a Hugging Face
// folder, and enough to resume a run with the same losses.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../tf';
import { loadHfModel, readHfFolder } from '../checkpoint/hf-folder-node';
import { referenceCheckpointDir } from '../model/testing';
import { latestCheckpoint, listCheckpoints, readResumePoint, removeCheckpointsAfter, RunFolderCheckpoints } from './checkpoint-node';
import { writeFolderAtomically } from '../io/atomic-write-node';
import type { StepEvent, TrainerEvent } from './events';
import { parseTrainingSettings } from './settings';
import { readReferenceRun, referenceFeatures, referenceTrainingInput } from './testing';
import { Trainer } from './trainer';

const run = readReferenceRun();
const settings = parseTrainingSettings({ ...referenceTrainingInput(run), save_steps: 5, dropout: 0.1, shuffle: true });
let scratch: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  scratch = mkdtempSync(join(tmpdir(), 'checkpoints-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function trainInto(runDir: string, resumeFrom?: number, stopAt?: number): Promise<{ losses: Map<number, number>; step: number }> {
  const from = resumeFrom === undefined ? referenceCheckpointDir('sequence-classification') : join(runDir, `checkpoints/step-${resumeFrom}`);
  const { model, tokenizer } = await loadHfModel(from);
  const events: TrainerEvent[] = [];
  const trainer: Trainer = new Trainer({
    model,
    train: referenceFeatures(run),
    settings,
    checkpoints: new RunFolderCheckpoints(runDir, tokenizer),
    onEvent: (e) => events.push(e),
    ...(resumeFrom === undefined ? {} : { resume: await readResumePoint(join(runDir, `checkpoints/step-${resumeFrom}`)) }),
    ...(stopAt === undefined ? {} : { shouldStop: (): boolean => trainer.globalStep >= stopAt }),
  });
  const result = await trainer.train();
  model.dispose();
  return { losses: new Map(events.filter((e): e is StepEvent => e.type === 'step').map((e) => [e.step, e.loss])), step: result.globalStep };
}

describe('run-folder checkpoints', () => {
  it('saves every save_steps and at the end, as loadable folders, and a resumed run repeats the losses exactly', async () => {
    const full = join(scratch, 'full');
    const uninterrupted = await trainInto(full);
    expect((await listCheckpoints(full)).map((c) => c.path)).toEqual(['checkpoints/step-5', 'checkpoints/step-10', 'checkpoints/step-12']);
    const folder = await readHfFolder(join(full, 'checkpoints/step-12'));
    expect(folder.vocab).toBeDefined();
    expect(readdirSync(join(full, 'checkpoints/step-12')).sort()).toEqual(['config.json', 'model.safetensors', 'optimizer.safetensors', 'tokenizer_config.json', 'trainer_state.json', 'vocab.txt']);
    expect(folder.config).toMatchObject({ hidden_dropout_prob: 0.1, attention_probs_dropout_prob: 0.1 }); // the dropout override is part of the model

    const interrupted = join(scratch, 'interrupted');
    expect((await trainInto(interrupted, undefined, 7)).step).toBe(7);
    // A stop saves the last finished update (stop-and-save.ts) beside the save_steps one.
    expect((await listCheckpoints(interrupted)).map((c) => c.step)).toEqual([5, 7]);
    expect((await latestCheckpoint(interrupted))?.step).toBe(7);
    const resumed = await trainInto(interrupted, 7);
    expect(resumed.step).toBe(12);
    for (const [step, loss] of resumed.losses) expect(loss, `step ${step}`).toBe(uninterrupted.losses.get(step));
    expect(resumed.losses.size).toBe(5);

    // The weights at the end are bit-identical too.
    const a = await new RunFolderCheckpoints(full).loadWeights(12);
    const b = await new RunFolderCheckpoints(interrupted).loadWeights(12);
    for (const [name, values] of a) expect([...b.get(name)!], name).toEqual([...values]);
  });

  it('treats a half-written folder as no checkpoint and clears it, with later checkpoints, on resume', async () => {
    const runDir = join(scratch, 'crashed');
    mkdirSync(join(runDir, 'checkpoints', 'step-3'), { recursive: true });
    mkdirSync(join(runDir, 'checkpoints', 'step-9'), { recursive: true });
    mkdirSync(join(runDir, 'checkpoints', '.tmp-step-12-abcd'), { recursive: true });
    writeFileSync(join(runDir, 'checkpoints', '.tmp-step-12-abcd', 'config.json'), '{}');
    expect((await listCheckpoints(runDir)).map((c) => c.step)).toEqual([3, 9]);
    await removeCheckpointsAfter(runDir, 3);
    expect(readdirSync(join(runDir, 'checkpoints'))).toEqual(['step-3']);
  });

  it('replaces a folder in one rename and leaves the old one when filling fails', async () => {
    const target = join(scratch, 'model');
    await writeFolderAtomically(target, async (dir) => {
      mkdirSync(dir);
      writeFileSync(join(dir, 'a.txt'), 'first');
    });
    await writeFolderAtomically(target, async (dir) => {
      mkdirSync(dir);
      writeFileSync(join(dir, 'b.txt'), 'second');
    });
    expect(readdirSync(target)).toEqual(['b.txt']);
    await expect(
      writeFolderAtomically(target, async (dir) => {
        mkdirSync(dir);
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(readdirSync(target)).toEqual(['b.txt']);
    expect(readdirSync(scratch).filter((name) => name.startsWith('.tmp-'))).toEqual([]);
    expect(existsSync(join(scratch, 'model'))).toBe(true);
  });
});
