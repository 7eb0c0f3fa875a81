// Writes that survive a crash or a power cut: the bytes go to a temporary file in the
// same folder, are flushed to disk, and replace the target with one rename. A reader
// sees the old file or the new one, never half of either. Files are created private
// (private-modes.ts), and a full disk is reported naming the file (fs-errors.ts).
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import path from 'node:path';
import { namingFile } from './fs-errors';
import { PRIVATE_DIR_MODE, PRIVATE_FILE_MODE } from './private-modes';

/** The temporary file's name: `.<target name>.<12 hex>.tmp`, hidden beside the target. */
export const ATOMIC_TEMP_FILE = /^\..+\.[0-9a-f]{12}\.tmp$/;

export async function writeFileAtomic(target: string, data: string | Uint8Array): Promise<void> {
  await mkdir(path.dirname(target), { recursive: true, mode: PRIVATE_DIR_MODE });
  const temp = path.join(path.dirname(target), `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await open(temp, 'w', PRIVATE_FILE_MODE);
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true });
    throw namingFile(error, target);
  }
  await syncDirectory(path.dirname(target));
}

/** Makes a rename in `dir` durable across a power cut (a no-op where directories cannot be opened, e.g. Windows). */
export async function syncDirectory(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Directory fsync is best effort: the rename is already atomic.
  }
}

export function writeJsonAtomic(target: string, value: unknown): Promise<void> {
  return writeFileAtomic(target, JSON.stringify(value, null, 2) + '\n');
}
