// `bert-workbench train` end to end, as a person runs it: the binary reproduces the
// PyTorch reference fine-tuning run from pre-tokenized JSON lines (metrics.jsonl holds
// every step's loss, learning rate and gradient norm), and a run killed with SIGKILL right
// after a checkpoint and continued with --resume writes the same metrics as a run never
// interrupted.
import { execFile, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceCheckpointDir } from '../../../core/model/testing';
import { Rng } from '../../../core/random';
import { readReferenceRun, referenceTrainingInput } from '../../../core/train/testing';
import { parseMetrics } from '../../runs/run-store';
import type { MetricsRow } from '../../contract';

const execFileAsync = promisify(execFile);
const repoRoot = join(import.meta.dirname, '..', '..', '..');
const reference = readReferenceRun();
let scratch: string;

beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'bert-train-cli-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

function cli(args: string[], env: Record<string, string> = {}) {
  return execFileAsync(process.execPath, ['bin/bert-workbench.mjs', 'train', ...args], { cwd: repoRoot, env: { ...process.env, WORKBENCH_HOME: join(scratch, 'home'), ...env } }).then(
    ({ stdout, stderr }) => ({ code: 0, stdout, stderr }),
    (error: { code: number; stdout: string; stderr: string }) => ({ code: error.code, stdout: error.stdout, stderr: error.stderr }),
  );
}

function writeJsonl(file: string, rows: object[]): void {
  writeFileSync(file, rows.map((row) => JSON.stringify(row) + '\n').join(''));
}

function writeConfig(name: string, config: object): string {
  const file = join(scratch, `${name}.json`);
  writeFileSync(file, JSON.stringify(config));
  return file;
}

const metricsOf = (runDir: string): MetricsRow[] => parseMetrics(readFileSync(join(runDir, 'metrics.jsonl'), 'utf8'));
/** What must repeat exactly; timings may not. */
const trajectory = (rows: MetricsRow[]) => rows.map(({ elapsed_s: _e, samples_per_second: _s, ...rest }) => rest);

describe('bert-workbench train', () => {
  it('reproduces the reference fine-tuning run from pre-tokenized JSON lines', async () => {
    writeJsonl(
      join(scratch, 'reference.jsonl'),
      reference.batches.flatMap((batch) => batch.labels.map((labels, i) => ({ input_ids: batch.input_ids[i], token_type_ids: batch.token_type_ids[i], attention_mask: batch.attention_mask[i], labels }))),
    );
    const config = writeConfig('reference', {
      task: 'classification',
      model: { checkpoint: referenceCheckpointDir('sequence-classification') },
      data: { train: 'reference.jsonl', format: 'features' }, // relative to the config file
      training: referenceTrainingInput(reference),
      output_dir: 'reference-run',
    });
    const { code, stdout, stderr } = await cli(['--config', config]);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toMatch(/^backend: [\w-]+ \(/m); // whichever the chain picks: the reference holds on all
    expect(stdout).toContain('step 12/12');

    const rows = metricsOf(join(scratch, 'reference-run'));
    expect(rows).toHaveLength(12);
    rows.forEach((row, i) => {
      const expected = reference.steps[i]!;
      expect(row.step).toBe(expected.step);
      expect(Math.abs(row.loss! - expected.loss) / expected.loss, `loss at step ${row.step}`).toBeLessThan(2e-3);
      expect(row.learning_rate, `learning_rate at step ${row.step}`).toBe(expected.learning_rate);
      expect(row.grad_norm, `grad_norm at step ${row.step}`).toBeCloseTo(expected.grad_norm, 3);
    });
    const run = JSON.parse(readFileSync(join(scratch, 'reference-run', 'run.json'), 'utf8')) as Record<string, unknown>;
    expect(run).toMatchObject({ status: 'completed', origin: 'cli', last_checkpoint: { step: 12 } });
  });

  it('continues a run killed right after a checkpoint to exactly the metrics of an uninterrupted run', async () => {
    // Random sentences over the reference vocabulary; shuffling, dropout and evaluation all draw random numbers.
    const rng = new Rng(21);
    const sentence = () => {
      const ids = [2, ...Array.from({ length: 6 + rng.nextInt(30) }, () => 5 + rng.nextInt(138)), 3];
      return { input_ids: ids, labels: ids[1]! % 3 };
    };
    writeJsonl(join(scratch, 'random-train.jsonl'), Array.from({ length: 40 }, sentence));
    writeJsonl(join(scratch, 'random-dev.jsonl'), Array.from({ length: 8 }, sentence));
    const runConfig = (outputDir: string) => ({
      task: 'classification',
      model: { checkpoint: referenceCheckpointDir('sequence-classification') },
      data: { train: 'random-train.jsonl', validation: 'random-dev.jsonl', format: 'features' },
      // Long enough after the first checkpoint that the kill lands mid-run even on a busy machine.
      training: { max_steps: 120, batch_size: 8, learning_rate: 1e-3, dropout: 0.1, save_steps: 10, eval_steps: 30, seed: 5 },
      output_dir: outputDir,
    });

    expect((await cli(['--config', writeConfig('full', runConfig('full-run'))])).code).toBe(0);

    const killedDir = join(scratch, 'killed-run');
    const child = spawn(process.execPath, ['bin/bert-workbench.mjs', 'train', '--config', writeConfig('killed', runConfig('killed-run'))], { cwd: repoRoot, stdio: 'ignore' });
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
    await waitFor(() => existsSync(join(killedDir, 'checkpoints', 'step-10')));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    const killedRun = JSON.parse(readFileSync(join(killedDir, 'run.json'), 'utf8')) as { status: string };
    expect(killedRun.status).toBe('running'); // died mid-run, as after a crash
    expect(existsSync(join(killedDir, 'checkpoints', 'step-120'))).toBe(false);

    const resumed = await cli(['--resume', killedDir, '--json']);
    expect(resumed.code).toBe(0);
    const events = resumed.stdout.trim().split('\n').map((line) => JSON.parse(line) as { type: string; message?: string; step?: number });
    expect(events.find((e) => e.type === 'log' && e.message?.startsWith('resuming'))?.message).toMatch(/^resuming from checkpoints\/step-\d+0$/);
    expect(events.at(-1)).toMatchObject({ type: 'status', status: 'completed' });

    const full = metricsOf(join(scratch, 'full-run'));
    expect(full.filter((row) => row.eval_loss !== undefined)).toHaveLength(4);
    expect(trajectory(metricsOf(killedDir))).toEqual(trajectory(full));
  });

  it('exits 2 on usage errors and 1 with a one-line message on a bad config', async () => {
    expect((await cli([])).code).toBe(2);
    expect((await cli(['--config'])).stderr).toContain('--config needs a value');
    const bad = await cli(['--config', writeConfig('bad', { task: 'classification', model: { preset: 'bert-huge' }, data: { train: 'x.tsv' } })]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toBe('bert-workbench train: model.preset: unknown preset "bert-huge"; one of bert-tiny, bert-mini, bert-small, bert-medium, bert-base, bert-large\n');
    const missing = await cli(['--config', writeConfig('missing', { task: 'classification', model: { preset: 'bert-tiny' }, data: { train: 'nowhere.tsv' } })]);
    expect(missing.code).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('nowhere.tsv');
  });

  it('refuses an output_dir whose name is not a run id, as the app does', async () => {
    const hidden = await cli(['--config', writeConfig('hidden', { task: 'classification', model: { preset: 'bert-tiny' }, data: { train: 'x.tsv' }, output_dir: '.hidden-run' })]);
    expect(hidden.code).toBe(1);
    expect(hidden.stderr).toContain('cannot be a run folder: ".hidden-run" is not a run id');
    expect(existsSync(join(scratch, '.hidden-run'))).toBe(false);
  });
});

async function waitFor(condition: () => boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
