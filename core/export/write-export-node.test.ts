// Export destinations: a new or empty folder, or one this app made (its marker file).
// Nothing the app did not write is overwritten or deleted: an export once replaced a
// README.md and deleted group*-shard*.bin files in a folder it had never written.
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPORT_MARKER_FILE, ExportDestinationError, writeExportFolder } from './write-export-node';

let scratch: string;
beforeAll(() => {
  scratch = mkdtempSync(join(tmpdir(), 'export-dest-'));
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const bytes = (text: string) => new TextEncoder().encode(text);
const files = (...names: string[]) => new Map(names.map((name) => [name, bytes(`${name} v1`)]));
const marker = (dir: string) => JSON.parse(readFileSync(join(dir, EXPORT_MARKER_FILE), 'utf8')) as { files: string[] };

describe('writeExportFolder destinations', () => {
  it('writes into a new folder and into an empty one, leaving a marker that lists the files', async () => {
    const fresh = join(scratch, 'fresh', 'nested');
    expect(await writeExportFolder(fresh, files('config.json', 'model.safetensors', 'onnx/model.onnx'), { last: 'config.json' })).toEqual(['config.json', 'model.safetensors', 'onnx/model.onnx']);
    expect(marker(fresh).files).toEqual(['config.json', 'model.safetensors', 'onnx/model.onnx']);
    const empty = join(scratch, 'empty');
    mkdirSync(empty);
    await writeExportFolder(empty, files('config.json'), { last: 'config.json' });
    expect(readdirSync(empty).sort()).toEqual([EXPORT_MARKER_FILE, 'config.json']);
  });

  it('refuses a folder holding files it did not write, and touches nothing there', async () => {
    const theirs = join(scratch, 'theirs');
    mkdirSync(theirs);
    writeFileSync(join(theirs, 'README.md'), 'my notes');
    writeFileSync(join(theirs, 'group1-shard1of2.bin'), 'their weights');
    const attempt = writeExportFolder(theirs, files('README.md', 'model.json', 'group1-shard1of1.bin'), { last: 'model.json' });
    await expect(attempt).rejects.toBeInstanceOf(ExportDestinationError);
    await expect(attempt).rejects.toThrow(`cannot export into ${theirs}: it already holds files this app did not write (README.md, group1-shard1of2.bin)`);
    expect(readdirSync(theirs).sort()).toEqual(['README.md', 'group1-shard1of2.bin']);
    expect(readFileSync(join(theirs, 'README.md'), 'utf8')).toBe('my notes');
  });

  it('re-exports into its own folder, removing only the files its earlier export wrote', async () => {
    const ours = join(scratch, 'ours');
    await writeExportFolder(ours, files('model.json', 'group1-shard1of2.bin', 'group1-shard2of2.bin', 'extra/old.txt'), { last: 'model.json' });
    writeFileSync(join(ours, 'deploy.sh'), 'mine'); // a person's own file beside the export
    const written = await writeExportFolder(ours, new Map([['model.json', bytes('v2')], ['group1-shard1of1.bin', bytes('w')]]), { last: 'model.json' });
    expect(written).toEqual(['group1-shard1of1.bin', 'model.json']);
    expect(readdirSync(ours).sort()).toEqual([EXPORT_MARKER_FILE, 'deploy.sh', 'group1-shard1of1.bin', 'model.json']);
    expect(readFileSync(join(ours, 'deploy.sh'), 'utf8')).toBe('mine');
    expect(marker(ours).files).toEqual(['group1-shard1of1.bin', 'model.json']);
  });

  it('refuses to overwrite a file a person added to its folder under a name the export uses', async () => {
    const ours = join(scratch, 'collide');
    await writeExportFolder(ours, files('config.json'), { last: 'config.json' });
    writeFileSync(join(ours, 'README.md'), 'my notes');
    await expect(writeExportFolder(ours, files('config.json', 'README.md'), { last: 'config.json' })).rejects.toThrow('the export would overwrite files this app did not write (README.md)');
    expect(readFileSync(join(ours, 'README.md'), 'utf8')).toBe('my notes');
  });

  it('treats a damaged or foreign marker as no marker', async () => {
    const dir = join(scratch, 'fake-marker');
    mkdirSync(dir);
    writeFileSync(join(dir, 'README.md'), 'x');
    writeFileSync(join(dir, EXPORT_MARKER_FILE), '{"generator": "someone else", "files": ["README.md"]}');
    await expect(writeExportFolder(dir, files('README.md'), { last: 'README.md' })).rejects.toThrow('already holds files this app did not write');
  });

  it('takes the app’s own area (a run’s exports/) as its own, marker or not', async () => {
    const legacy = join(scratch, 'run', 'exports', 'tfjs');
    mkdirSync(legacy, { recursive: true });
    writeFileSync(join(legacy, 'group1-shard1of3.bin'), 'old');
    await writeExportFolder(legacy, files('model.json', 'group1-shard1of1.bin'), { last: 'model.json', ownedByApp: true });
    expect(existsSync(join(legacy, 'group1-shard1of3.bin'))).toBe(false);
  });

  it('refuses file names that leave the folder', async () => {
    await expect(writeExportFolder(join(scratch, 'escape'), files('../outside.txt'), { last: 'x' })).rejects.toThrow('an export file may not be named ../outside.txt');
    expect(existsSync(join(scratch, 'outside.txt'))).toBe(false);
  });
});
