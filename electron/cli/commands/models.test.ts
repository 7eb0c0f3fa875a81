import { describe, expect, it } from 'vitest';
import type { CliIO } from '../command';
import { runCli } from '../main';

describe('bert-workbench models', () => {
  it('lists the presets with formatted parameter counts', async () => {
    let out = '';
    const io: CliIO = { stdout: (t) => void (out += t), stderr: () => {}, isTTY: false };
    expect(await runCli(['models'], io)).toBe(0);
    const base = out.split('\n').find((line) => line.startsWith('bert-base'))!;
    expect(base.split(/\s+/).slice(0, 5)).toEqual(['bert-base', '12', '768', '12', '109,482,240']);
    expect(out).toMatch(/bert-large\s+24\s+1024\s+16\s+335,141,888/);
    expect(out).toMatch(/bert-tiny\s+2\s+128\s+2\s+4,385,920/);
  });
});
