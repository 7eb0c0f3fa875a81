// An export folder as one .zip, streamed (fflate's streaming Zip): file by file, chunk by
// chunk, waiting whenever the receiver is behind, so a 1.3 GB BERT-Large export never
// sits in memory. Text files are deflated; weights barely compress and are stored.
// Plain ZIP stops at 4 GiB (fflate writes no ZIP64), so larger folders are refused up front.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { Zip, ZipDeflate, ZipPassThrough } from 'fflate';
import { EXPORT_MARKER_FILE } from '../../core/export/write-export-node';

/** The largest folder a plain (non-ZIP64) archive can hold. */
export const MAX_ZIP_BYTES = 2 ** 32 - 1;

const STORED = /\.(onnx|safetensors|bin|ckpt|h5)$/i;

export class ZipTooLargeError extends Error {
  override name = 'ZipTooLargeError';
}

/** Every file under `dir`, relative with forward slashes, in code point order; links and special files are left out. */
export async function folderFiles(dir: string): Promise<{ name: string; size: number }[]> {
  const files: { name: string; size: number }[] = [];
  const walk = async (relative: string): Promise<void> => {
    const entries = await readdir(path.join(dir, relative), { withFileTypes: true });
    for (const entry of entries) {
      const name = relative ? `${relative}/${entry.name}` : entry.name;
      if (entry.isDirectory()) await walk(name);
      else if (entry.isFile()) files.push({ name, size: (await stat(path.join(dir, name))).size });
    }
  };
  await walk('');
  return files.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
}

/**
 * Checks the folder fits in a zip; returns its files, without the app's own record of
 * what it wrote there (EXPORT_MARKER_FILE): the download is the model, not the app's bookkeeping.
 */
export async function zippableFiles(dir: string): Promise<{ name: string; size: number }[]> {
  const files = (await folderFiles(dir)).filter((file) => file.name !== EXPORT_MARKER_FILE);
  const total = files.reduce((sum, f) => sum + f.size, 0);
  if (total > MAX_ZIP_BYTES) throw new ZipTooLargeError(`${dir} holds ${(total / 2 ** 30).toFixed(1)} GiB, more than a zip download can carry (4 GiB); open the folder on disk instead`);
  return files;
}

/** Resolves when `out` can take more, rejects when the receiver went away (a cancelled download). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const onDrain = () => {
      out.off('close', onClose);
      resolve();
    };
    const onClose = () => {
      out.off('drain', onDrain);
      reject(new Error('the receiver closed the download'));
    };
    out.once('drain', onDrain);
    out.once('close', onClose);
  });
}

/** Writes the zip of `files` (from zippableFiles) under `dir` to `out`, then ends it. */
export async function writeFolderZip(dir: string, files: readonly { name: string }[], out: Writable): Promise<void> {
  let failure: Error | undefined;
  const zip = new Zip((error, chunk, final) => {
    if (error) failure = error;
    else out.write(chunk);
    if (final) out.end();
  });
  for (const file of files) {
    const entry = STORED.test(file.name) ? new ZipPassThrough(file.name) : new ZipDeflate(file.name, { level: 6 });
    zip.add(entry);
    for await (const chunk of createReadStream(path.join(dir, file.name))) {
      entry.push(chunk as Uint8Array);
      if (failure) throw failure;
      if (out.destroyed) throw new Error('the receiver closed the download');
      if (out.writableNeedDrain) await drained(out);
    }
    entry.push(new Uint8Array(0), true);
  }
  zip.end();
  if (failure) throw failure;
}
