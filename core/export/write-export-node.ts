// Writing an export folder: every file atomically (a reader sees the old file or the new
// one), the entry file (config.json / model.json) last, and the shard files of an earlier
// export that the new one does not replace removed, so the folder holds one export.
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write-node';

export interface WriteExportOptions {
  /** Written after every other file. */
  last: string;
  /** Files of an earlier export to remove when the new one does not write them. */
  stale?: RegExp;
}

/** Writes `files` into `dir`; returns their names, sorted. */
export async function writeExportFolder(dir: string, files: Map<string, Uint8Array>, options: WriteExportOptions): Promise<string[]> {
  await mkdir(dir, { recursive: true });
  if (options.stale) {
    for (const name of await readdir(dir)) {
      if (options.stale.test(name) && !files.has(name)) await rm(join(dir, name), { force: true });
    }
  }
  const order = [...files.keys()].sort((a, b) => Number(a === options.last) - Number(b === options.last));
  for (const name of order) await writeFileAtomic(join(dir, name), files.get(name)!);
  return [...files.keys()].sort();
}
