// Hugging Face's own cache on disk, shared with Python tools (huggingface_hub):
//   $HF_HUB_CACHE (default $HF_HOME/hub, $HF_HOME default ~/.cache/huggingface)
//     models--org--name/
//       blobs/<etag>                  file contents, named by ETag (sha256 for LFS files)
//       blobs/<etag>.incomplete       a download in progress; resumed with an HTTP Range
//       snapshots/<commit>/<file>     -> ../../blobs/<etag> (a copy where links are not allowed)
//       refs/<revision>               the commit a branch or tag pointed at
//       .no_exist/<commit>/<file>     the file does not exist at that commit
import { existsSync } from 'node:fs';
import { copyFile, mkdir, readFile, rename, rm, stat, symlink, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { repoFolderName } from './hub';

export type Env = Record<string, string | undefined>;

/** Where the hub cache is, by the same variables huggingface_hub reads. */
export function hubCacheDir(env: Env = process.env): string {
  if (env.HF_HUB_CACHE) return env.HF_HUB_CACHE;
  if (env.HUGGINGFACE_HUB_CACHE) return env.HUGGINGFACE_HUB_CACHE;
  const home = env.HF_HOME ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'huggingface');
  return path.join(home, 'hub');
}

export class RepoCache {
  readonly dir: string;

  constructor(cacheDir: string, readonly repoId: string) {
    this.dir = path.join(cacheDir, repoFolderName(repoId));
  }

  snapshotDir(commit: string): string {
    return path.join(this.dir, 'snapshots', commit);
  }

  snapshotFile(commit: string, file: string): string {
    return path.join(this.snapshotDir(commit), ...file.split('/'));
  }

  blob(etag: string): string {
    return path.join(this.dir, 'blobs', etag);
  }

  incomplete(etag: string): string {
    return `${this.blob(etag)}.incomplete`;
  }

  /** The commit a revision (branch, tag) last resolved to, when it has been downloaded. */
  async readRef(revision: string): Promise<string | undefined> {
    try {
      return (await readFile(path.join(this.dir, 'refs', ...revision.split('/')), 'utf8')).trim();
    } catch {
      return undefined;
    }
  }

  async writeRef(revision: string, commit: string): Promise<void> {
    const file = path.join(this.dir, 'refs', ...revision.split('/'));
    await mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    await writeFile(temp, commit);
    await rename(temp, file);
  }

  hasBlob(etag: string): boolean {
    return existsSync(this.blob(etag));
  }

  hasFile(commit: string, file: string): boolean {
    return existsSync(this.snapshotFile(commit, file));
  }

  knownMissing(commit: string, file: string): boolean {
    return existsSync(path.join(this.dir, '.no_exist', commit, ...file.split('/')));
  }

  async markMissing(commit: string, file: string): Promise<void> {
    const marker = path.join(this.dir, '.no_exist', commit, ...file.split('/'));
    await mkdir(path.dirname(marker), { recursive: true });
    await writeFile(marker, '');
  }

  /** Bytes of a download in progress (0 when none). */
  async incompleteSize(etag: string): Promise<number> {
    try {
      return (await stat(this.incomplete(etag))).size;
    } catch {
      return 0;
    }
  }

  /** The finished download becomes the blob (one rename: a blob is always complete). */
  async completeBlob(etag: string): Promise<void> {
    await rename(this.incomplete(etag), this.blob(etag));
  }

  /** snapshots/<commit>/<file> -> the blob: a relative symlink as huggingface_hub makes, a copy where links are refused (Windows without developer mode). */
  async linkSnapshot(commit: string, file: string, etag: string): Promise<void> {
    const target = this.snapshotFile(commit, file);
    await mkdir(path.dirname(target), { recursive: true });
    await rm(target, { force: true });
    try {
      await symlink(path.relative(path.dirname(target), this.blob(etag)), target);
    } catch {
      await copyFile(this.blob(etag), target);
    }
  }
}
