import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CliIO } from '../command';
import { runCli } from '../main';

function capture(): CliIO & { out: string } {
  const io = { out: '', isTTY: false, stdout: (t: string) => void (io.out += t), stderr: () => {} };
  return io;
}

describe('bert-workbench models', () => {
  const saved = { ...process.env };
  const home = mkdtempSync(path.join(tmpdir(), 'cli-models-'));
  afterAll(() => {
    process.env = saved;
    rmSync(home, { recursive: true, force: true });
  });

  it('lists the pretrained checkpoints first, then the presets as random weights, with formatted parameter counts', async () => {
    const io = capture();
    expect(await runCli(['models'], io)).toBe(0);
    const out = io.out;
    expect(out.indexOf('Pretrained checkpoints')).toBeLessThan(out.indexOf('Architecture-only presets (random weights'));
    expect(out).toMatch(/BERT-Tiny\s+google\/bert_uncased_L-2_H-128_A-2\s+2\s+128\s+2\s+4,385,920\s+≈18 MB\s+uncased\s+apache-2\.0/);
    expect(out).toMatch(/FinBERT\s+ProsusAI\/finbert/);
    const base = out.split('\n').find((line) => line.startsWith('bert-base'))!;
    expect(base.split(/\s+/).slice(0, 5)).toEqual(['bert-base', '12', '768', '12', '109,482,240']);
    expect(out).toMatch(/bert-large\s+24\s+1024\s+16\s+335,141,888/);
    expect(out).toMatch(/bert-tiny\s+2\s+128\s+2\s+4,385,920/);
  });

  it('--json marks each row pretrained or preset', async () => {
    const io = capture();
    await runCli(['models', '--json'], io);
    const rows = io.out.trim().split('\n').map((line) => JSON.parse(line) as { kind: string; hubId?: string; name: string });
    expect(rows.filter((r) => r.kind === 'pretrained')).toHaveLength(14);
    expect(rows.filter((r) => r.kind === 'preset').map((r) => r.name)).toEqual(['bert-tiny', 'bert-mini', 'bert-small', 'bert-medium', 'bert-base', 'bert-large']);
  });

  it('--downloaded lists what the Hugging Face cache holds', async () => {
    process.env.HF_HUB_CACHE = path.join(home, 'hub');
    const io = capture();
    await runCli(['models', '--downloaded'], io);
    expect(io.out).toContain(`Hugging Face cache: ${path.join(home, 'hub')}`);
    expect(io.out).toContain('No models downloaded yet');

    const snapshot = path.join(home, 'hub', 'models--org--bert', 'snapshots', 'a'.repeat(40));
    mkdirSync(snapshot, { recursive: true });
    writeFileSync(path.join(snapshot, 'config.json'), JSON.stringify({ model_type: 'bert', num_hidden_layers: 2, hidden_size: 64, num_attention_heads: 2, intermediate_size: 256 }));
    writeFileSync(path.join(snapshot, 'model.safetensors'), 'x');
    mkdirSync(path.join(home, 'hub', 'models--org--bert', 'refs'));
    writeFileSync(path.join(home, 'hub', 'models--org--bert', 'refs', 'main'), 'a'.repeat(40));
    const listed = capture();
    await runCli(['models', '--downloaded'], listed);
    expect(listed.out).toMatch(/org\/bert\s+main\s+aaaaaaaaaa\s+2\s+64\s+[\d,]+\s+0\.0 MB\s+ready/);
  });
});
