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
import { HubError, isCommitHash, isEtagDigest, isRevisionName, repoFolderName, validateRepoId } from './hub';

export type Env = Record<string, string | undefined>;

/** Where the hub cache is, by the same variables huggingface_hub reads. */
export function hubCacheDir(env: Env = process.env): string {
  if (env.HF_HUB_CACHE) return env.HF_HUB_CACHE;
  if (env.HUGGINGFACE_HUB_CACHE) return env.HUGGINGFACE_HUB_CACHE;
  const home = env.HF_HOME ?? path.join(env.XDG_CACHE_HOME ?? path.join(os.homedir(), '.cache'), 'huggingface');
  return path.join(home, 'hub');
}

/**
 * The last line of defence against path traversal: every name joined into a cache path is
 * checked here too, so no caller can build a path outside the repository's folder even if
 * it forgot to validate (hub.ts validates answers where they arrive, with better messages).
 */
function safePart(ok: boolean, what: string, value: string): string {
  if (!ok) throw new HubError('unsafe-answer', `refusing ${what} ${JSON.stringify(value)} as a path in the Hugging Face cache`);
  return value;
}

/** A repository file name as the Hub lists them (`config.json`, `onnx/model.onnx`): relative, no `..`. */
function isRepoFileName(file: string): boolean {
  return file.length > 0 && file.split('/').every((part) => part !== '' && part !== '.' && part !== '..' && !/[\\\0]/.test(part));
}

export class RepoCache {
  readonly dir: string;

  constructor(cacheDir: string, readonly repoId: string) {
    this.dir = path.join(cacheDir, repoFolderName(validateRepoId(repoId)));
  }

  snapshotDir(commit: string): string {
    return path.join(this.dir, 'snapshots', safePart(isCommitHash(commit), 'the commit', commit));
  }

  snapshotFile(commit: string, file: string): string {
    return path.join(this.snapshotDir(commit), ...safePart(isRepoFileName(file), 'the file name', file).split('/'));
  }

  blob(etag: string): string {
    return path.join(this.dir, 'blobs', safePart(isEtagDigest(etag), 'the ETag', etag));
  }

  private refFile(revision: string): string {
    return path.join(this.dir, 'refs', ...safePart(isRevisionName(revision), 'the revision', revision).split('/'));
  }

  incomplete(etag: string): string {
    return `${this.blob(etag)}.incomplete`;
  }

  /** The commit a revision (branch, tag) last resolved to, when it has been downloaded. */
  async readRef(revision: string): Promise<string | undefined> {
    let commit: string;
    try {
      commit = (await readFile(this.refFile(revision), 'utf8')).trim();
    } catch {
      return undefined;
    }
    // A ref file is data like any other: what is not a commit id is not used as a path.
    return isCommitHash(commit) ? commit : undefined;
  }

  async writeRef(revision: string, commit: string): Promise<void> {
    safePart(isCommitHash(commit), 'the commit', commit);
    const file = this.refFile(revision);
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

  private noExistMarker(commit: string, file: string): string {
    return path.join(this.dir, '.no_exist', path.relative(path.join(this.dir, 'snapshots'), this.snapshotFile(commit, file)));
  }

  knownMissing(commit: string, file: string): boolean {
    return existsSync(this.noExistMarker(commit, file));
  }

  async markMissing(commit: string, file: string): Promise<void> {
    const marker = this.noExistMarker(commit, file);
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
