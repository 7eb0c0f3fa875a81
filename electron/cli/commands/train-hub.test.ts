// `bert-workbench train` with `"model": {"hub": ID, "revision": R}`: the binary downloads
// the model from the Hub (the stand-in, through HF_ENDPOINT) into the Hugging Face cache
// and fine-tunes it; a revision that is a path is refused naming the field.
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '../../../core/tf';
import { catalogueEntry } from '../../../core/hub/catalogue';
import { catalogueRepo, fakeCommit } from '../../../core/hub/testing-checkpoints-node';
import { startFakeHub, type FakeHub } from '../../../core/hub/testing-node';

const execFileAsync = promisify(execFile);
const repoRoot = join(import.meta.dirname, '..', '..', '..');
const TINY = catalogueEntry('google/bert_uncased_L-2_H-128_A-2')!;
let hub: FakeHub;
let scratch: string;

beforeAll(async () => {
  await tf.setBackend('cpu');
  hub = await startFakeHub([await catalogueRepo(TINY, { shrink: { layers: 1, hidden: 32, heads: 2 } })]);
  scratch = mkdtempSync(join(tmpdir(), 'bert-train-hub-'));
  writeFileSync(join(scratch, 'train.tsv'), 'sentence\tlabel\na good film\tpositive\na bad film\tnegative\nvery good\tpositive\nvery bad\tnegative\n');
});
afterAll(async () => {
  await hub.close();
  rmSync(scratch, { recursive: true, force: true });
});

function train(config: object) {
  const file = join(scratch, `config-${Math.random().toString(36).slice(2)}.json`);
  writeFileSync(file, JSON.stringify(config));
  const env: NodeJS.ProcessEnv = { ...process.env, WORKBENCH_HOME: join(scratch, 'home'), HF_ENDPOINT: hub.endpoint, HF_HOME: join(scratch, 'hf'), HF_HUB_OFFLINE: '' };
  delete env.HF_HUB_CACHE;
  return execFileAsync(process.execPath, ['bin/bert-workbench.mjs', 'train', '--config', file], { cwd: repoRoot, env }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

describe('bert-workbench train from the Hub', () => {
  it('downloads the model into the Hugging Face cache and fine-tunes it, recording its commit', async () => {
    const result = await train({ task: 'classification', model: { hub: TINY.hubId, revision: 'main' }, data: { train: 'train.tsv' }, training: { max_steps: 2, batch_size: 2 }, output_dir: 'hub-run' });
    expect(result.stdout + result.stderr).toContain(`weights: ${TINY.hubId} at commit ${fakeCommit(TINY.hubId).slice(0, 10)}`);
    expect(result.code).toBe(0);
    const run = JSON.parse(readFileSync(join(scratch, 'hub-run', 'run.json'), 'utf8')) as { status: string; weights_from: unknown };
    expect(run).toMatchObject({ status: 'completed', weights_from: { source: 'hub', id: TINY.hubId, revision: 'main', commit: fakeCommit(TINY.hubId) } });
    expect(existsSync(join(scratch, 'hf', 'hub', 'models--google--bert_uncased_L-2_H-128_A-2', 'refs', 'main'))).toBe(true);
  }, 120_000);

  it('refuses a revision that is a path, naming the field', async () => {
    const result = await train({ task: 'classification', model: { hub: TINY.hubId, revision: '../..' }, data: { train: 'train.tsv' } });
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('model.revision: "../.." is not a revision');
  }, 60_000);
});
