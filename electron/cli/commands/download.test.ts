// `bert-workbench download` against a stand-in Hub on 127.0.0.1: the folder on stdout,
// progress on stderr (a bar on a terminal), one-line errors naming what to do.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referenceCheckpointDir } from '../../../core/model/testing';
import { startFakeHub, type FakeHub } from '../../../core/hub/testing-node';
import type { CliIO } from '../command';
import { runCli } from '../main';

let hub: FakeHub;
let scratch: string;
const saved = { ...process.env };

function capture(isTTY = false): CliIO & { out: string; err: string } {
  const io = { out: '', err: '', isTTY, stdout: (t: string) => void (io.out += t), stderr: (t: string) => void (io.err += t) };
  return io;
}

beforeAll(async () => {
  const dir = referenceCheckpointDir('sequence-classification');
  const files = Object.fromEntries(['config.json', 'model.safetensors', 'vocab.txt'].map((f) => [f, new Uint8Array(readFileSync(path.join(dir, f)))]));
  hub = await startFakeHub([
    { id: 'org/tiny-bert', commit: '1'.repeat(40), files },
    { id: 'org/gated', commit: '2'.repeat(40), files, gatedToken: 'hf_yes' },
  ]);
  scratch = mkdtempSync(path.join(tmpdir(), 'bert-cli-download-'));
  Object.assign(process.env, { HF_ENDPOINT: hub.endpoint, HF_HOME: scratch });
  delete process.env.HF_TOKEN;
  delete process.env.HF_HUB_CACHE;
  delete process.env.HF_HUB_OFFLINE;
});
afterAll(async () => {
  process.env = saved;
  await hub.close();
  rmSync(scratch, { recursive: true, force: true });
});

describe('bert-workbench download', () => {
  it('prints the snapshot folder, with a progress bar on a terminal and lines in a pipe', async () => {
    const tty = capture(true);
    expect(await runCli(['download', 'org/tiny-bert'], tty)).toBe(0);
    const snapshot = path.join(scratch, 'hub', 'models--org--tiny-bert', 'snapshots', '1'.repeat(40));
    expect(tty.out).toBe(`${snapshot}\n`);
    expect(tty.err).toContain('model.safetensors: ');
    expect(tty.err).toContain('done');

    const pipe = capture(false);
    expect(await runCli(['download', 'org/tiny-bert', '--offline'], pipe)).toBe(0);
    expect(pipe.out).toBe(`${snapshot}\n`);
    expect(pipe.err).toContain('model.safetensors: in the cache\n');
    expect(pipe.err).toContain('0 downloaded, 3 from the cache');
  });

  it('explains a gated model, a model missing offline, and usage mistakes', async () => {
    const gated = capture();
    expect(await runCli(['download', 'org/gated'], gated)).toBe(1);
    expect(gated.err).toMatch(/^bert-workbench download: org\/gated is gated or private .*HF_TOKEN/);
    const offline = capture();
    expect(await runCli(['download', 'org/other', '--offline'], offline)).toBe(1);
    expect(offline.err).toContain('org/other (main) is not in the Hugging Face cache');
    const usage = capture();
    expect(await runCli(['download'], usage)).toBe(2);
    expect(usage.err).toContain('MODEL_ID is required');
  });
});
