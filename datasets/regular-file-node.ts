// Data files are regular files. A FIFO, a device or a socket is refused before any byte is
// read: opening a FIFO for reading blocks until a writer comes, and each such open holds
// one of libuv's four pool threads, so four of them starved every file operation of the
// process. The file is opened non-blocking and checked on the open descriptor, so a path
// swapped between a check and the open cannot slip through.
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

function kindOf(info: { isFIFO(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean; isSocket(): boolean }): string {
  if (info.isFIFO()) return 'a named pipe (FIFO)';
  if (info.isCharacterDevice() || info.isBlockDevice()) return 'a device';
  if (info.isSocket()) return 'a socket';
  return 'not a regular file';
}

export class NotARegularFileError extends Error {
  override name = 'NotARegularFileError';
}

/** Opens `path` for reading if it is a regular file; otherwise throws saying what it is. */
export async function openRegularFile(path: string): Promise<FileHandle> {
  // O_NONBLOCK makes opening a FIFO return at once instead of waiting for a writer (POSIX; 0 elsewhere).
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const info = await handle.stat();
    if (info.isDirectory()) throw new NotARegularFileError(`${path} is a folder, not a file`);
    if (!info.isFile()) throw new NotARegularFileError(`${path} is ${kindOf(info)}, not a regular file: only files can be read as data`);
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}
