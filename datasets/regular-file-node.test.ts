// FIFOs, devices and sockets are refused at once with a sentence that says what they
// are; opening a FIFO used to wait for a writer forever and hold one of libuv's threads.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDatasetFiles } from './read-node';
import { openRegularFile } from './regular-file-node';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'datasets-regular-'));
  execFileSync('mkfifo', [join(dir, 'pipe.csv')]);
  writeFileSync(join(dir, 'train.csv'), 'text,label\ngood,1\nbad,0\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading only regular files', () => {
  it('refuses a FIFO without waiting for a writer, even many at once, and goes on reading files', async () => {
    const fifo = join(dir, 'pipe.csv');
    const attempts = await Promise.all(Array.from({ length: 8 }, () => loadDatasetFiles('classification', { train: fifo })));
    for (const dataset of attempts) {
      expect(dataset.valid).toBe(false);
      expect(dataset.problems[0]).toMatchObject({ code: 'unreadable', message: `cannot read the file: ${fifo} is a named pipe (FIFO), not a regular file: only files can be read as data` });
    }
    // libuv's pool is free: a real file still reads.
    expect((await loadDatasetFiles('classification', { train: join(dir, 'train.csv') })).train).toHaveLength(2);
  }, 10_000);

  it('refuses a device and a folder, naming them', async () => {
    await expect(openRegularFile('/dev/null')).rejects.toThrow('/dev/null is a device, not a regular file');
    await expect(openRegularFile(dir)).rejects.toThrow(`${dir} is a folder, not a file`);
    const handle = await openRegularFile(join(dir, 'train.csv'));
    expect((await handle.readFile('utf8')).startsWith('text,label')).toBe(true);
    await handle.close();
  });
});
