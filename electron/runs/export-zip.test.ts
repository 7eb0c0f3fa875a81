// The streamed zip of an export folder: every file with its bytes (nested folders too),
// written at the pace of a slow receiver, stopped when the receiver goes away, and refused
// up front when the folder is more than a plain zip can hold.
import { mkdirSync, mkdtempSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Writable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unzipSync } from 'fflate';
import { folderFiles, MAX_ZIP_BYTES, writeFolderZip, ZipTooLargeError, zippableFiles } from './export-zip';
import { EXPORT_MARKER_FILE } from '../../core/export/write-export-node';

let root: string;
let folder: string;
const contents = new Map<string, Buffer>();

beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'bert-export-zip-'));
  folder = path.join(root, 'export');
  mkdirSync(path.join(folder, 'onnx'), { recursive: true });
  contents.set('config.json', Buffer.from(JSON.stringify({ hidden_size: 32 }, null, 2)));
  contents.set('vocab.txt', Buffer.from(Array.from({ length: 5000 }, (_, i) => `token${i}`).join('\n')));
  contents.set('onnx/model.onnx', randomBytes(3 * 2 ** 20)); // several read chunks, stored
  for (const [name, bytes] of contents) writeFileSync(path.join(folder, name), bytes);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A receiver that takes 4 KB at a time and acknowledges each chunk a tick later. */
function slowReceiver(): Writable & { received: Buffer[] } {
  const received: Buffer[] = [];
  const writable = new Writable({ highWaterMark: 4096, write: (chunk: Buffer, _encoding, done) => void setImmediate(() => (received.push(chunk), done())) });
  return Object.assign(writable, { received });
}

describe('an export folder as a zip', () => {
  it('leaves out the app\'s record of what it wrote (the marker), which is no part of the model', async () => {
    const marked = path.join(root, 'marked');
    mkdirSync(marked);
    writeFileSync(path.join(marked, 'config.json'), '{}');
    writeFileSync(path.join(marked, EXPORT_MARKER_FILE), '{"files": ["config.json"]}');
    expect((await zippableFiles(marked)).map((f) => f.name)).toEqual(['config.json']);
  });

  it('holds every file with its bytes, written at the receiver\'s pace', async () => {
    const out = slowReceiver();
    const files = await zippableFiles(folder);
    expect(files.map((f) => f.name)).toEqual(['config.json', 'onnx/model.onnx', 'vocab.txt']);
    await Promise.all([writeFolderZip(folder, files, out), new Promise((resolve) => out.on('finish', resolve))]);
    const entries = unzipSync(new Uint8Array(Buffer.concat(out.received)));
    expect(Object.keys(entries).sort()).toEqual([...contents.keys()].sort());
    for (const [name, bytes] of contents) expect(Buffer.from(entries[name]!).equals(bytes), name).toBe(true);
  });

  it('stops when the receiver goes away', async () => {
    const out = slowReceiver();
    const writing = writeFolderZip(folder, await folderFiles(folder), out);
    setImmediate(() => out.destroy());
    await expect(writing).rejects.toThrow('the receiver closed the download');
  });

  it('refuses a folder larger than a plain zip holds, before writing anything', async () => {
    const big = path.join(root, 'big');
    mkdirSync(big);
    writeFileSync(path.join(big, 'model.safetensors'), '');
    truncateSync(path.join(big, 'model.safetensors'), MAX_ZIP_BYTES + 1); // sparse: no disk used
    await expect(zippableFiles(big)).rejects.toThrow(ZipTooLargeError);
    await expect(zippableFiles(big)).rejects.toThrow(/holds 4\.0 GiB, more than a zip download can carry \(4 GiB\); open the folder on disk instead/);
  });
});
