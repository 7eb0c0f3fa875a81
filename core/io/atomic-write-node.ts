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

/** Folders writeFolderAtomically is still filling (or that a crash left): readers pass over them. */
export const TEMPORARY_FOLDER_PREFIX = '.tmp-';

/**
 * Fills a fresh temporary folder with `fill`, then puts it at `target` in one rename
 * (replacing a folder already there), so readers see the old folder or the whole new one.
 */
export async function writeFolderAtomically(target: string, fill: (dir: string) => Promise<void>): Promise<void> {
  const parent = path.dirname(target);
  await mkdir(parent, { recursive: true, mode: PRIVATE_DIR_MODE });
  const temporary = path.join(parent, `${TEMPORARY_FOLDER_PREFIX}${path.basename(target)}-${randomBytes(4).toString('hex')}`);
  try {
    await fill(temporary);
    // A folder cannot be renamed over a non-empty one: move the old one aside first.
    const old = `${temporary}-old`;
    const replaced = await rename(target, old).then(
      () => true,
      (error: NodeJS.ErrnoException) => {
        if (error.code === 'ENOENT') return false;
        throw error;
      },
    );
    await rename(temporary, target);
    if (replaced) await rm(old, { recursive: true, force: true });
    await syncDirectory(parent);
  } catch (error) {
    await rm(temporary, { recursive: true, force: true });
    throw error;
  }
}
