// `bert-workbench import-run`: a Trainer output folder becomes a run under WORKBENCH_HOME.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../command';

let scratch: string;
let runCli: (argv: string[], io: CliIO) => Promise<number>;

function capture(): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', isTTY: false, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

beforeAll(async () => {
  scratch = mkdtempSync(path.join(tmpdir(), 'bert-cli-import-'));
  process.env.WORKBENCH_HOME = path.join(scratch, 'home');
  ({ runCli } = await import('../main')); // after WORKBENCH_HOME: paths read it once
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('bert-workbench import-run', () => {
  it('imports the log history as a run and says where it is', async () => {
    const out = path.join(scratch, 'trainer-out');
    mkdirSync(out);
    const logHistory = [
      { epoch: 1, learning_rate: 2e-5, loss: 0.7, step: 5 },
      { epoch: 1, eval_loss: 0.6, eval_accuracy: 0.7, step: 5 },
    ];
    writeFileSync(path.join(out, 'trainer_state.json'), JSON.stringify({ best_metric: 0.7, best_model_checkpoint: `${out}/checkpoint-5`, epoch: 1, global_step: 5, log_history: logHistory, max_steps: 5, num_train_epochs: 1, train_batch_size: 8 }));
    const io = capture();
    expect(await runCli(['import-run', out, '--name', 'from python'], io)).toBe(0);
    const id = /as run (\S+)/.exec(io.out)![1]!;
    expect(io.out).toContain(`folder: ${path.join(scratch, 'home', 'runs', id)}`);
    expect(io.out).toContain('metrics: 2 log_history rows');
    expect(io.out).toContain('best: eval_accuracy = 0.7 at step 5');
    expect(io.out).toContain('model: none');
  });

  it('explains a folder that is not a Trainer output', async () => {
    const io = capture();
    expect(await runCli(['import-run', scratch], io)).toBe(1);
    expect(io.err).toContain('is it a Transformers Trainer output_dir?');
    expect(await runCli(['import-run'], capture())).toBe(2);
  });
});
