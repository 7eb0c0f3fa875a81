// ~/.bert-workbench holds imported datasets, runs and models: created 0700 with 0600 files,
// and an existing home that others could read is tightened (it was 0755 with 0644 files).
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createWorkbench } from './service/workbench';
import { preparePrivateHome } from './private-home';
import type { WorkerLauncher } from './worker/launcher';

const mode = (file: string) => statSync(file).mode & 0o777;
const noWorkers: WorkerLauncher = () => {
  throw new Error('no worker in this test');
};

describe('the workbench home', () => {
  it('is created 0700, and an existing one readable by others is tightened', async () => {
    const parent = mkdtempSync(path.join(os.tmpdir(), 'wb-home-'));
    const fresh = path.join(parent, 'a', '.bert-workbench');
    await preparePrivateHome(fresh);
    expect(mode(fresh)).toBe(0o700);
    const loose = path.join(parent, 'loose');
    mkdirSync(loose);
    chmodSync(loose, 0o755);
    await preparePrivateHome(loose);
    expect(mode(loose)).toBe(0o700);
  });

  it('keeps what the service writes (imported data, run folders) private', async () => {
    const home = path.join(mkdtempSync(path.join(os.tmpdir(), 'wb-home-')), 'home');
    const workbench = await createWorkbench({ mode: 'browser', listSamples: async () => [], home, launchWorker: noWorkers });
    try {
      const imported = await workbench.host.handle(JSON.stringify({ id: 1, method: 'datasets.import', params: { name: 'train.csv', contentBase64: Buffer.from('text,label\na,1\n').toString('base64') } }));
      const file = (imported as { result: { path: string } }).result.path;
      expect(mode(file)).toBe(0o600);
      expect(mode(path.dirname(file))).toBe(0o700);
      const created = await workbench.host.handle(JSON.stringify({ id: 2, method: 'runs.create', params: { config: { task: 'classification', model: { preset: 'bert-tiny' }, data: { train: file } } } }));
      const runDir = path.join(home, 'runs', (created as { result: { id: string } }).result.id);
      expect(mode(home)).toBe(0o700);
      expect(mode(path.join(home, 'runs'))).toBe(0o700);
      expect(mode(runDir)).toBe(0o700);
      for (const name of readdirSync(runDir)) expect(mode(path.join(runDir, name)), name).toBe(0o600);
    } finally {
      await workbench.close();
    }
  });
});
