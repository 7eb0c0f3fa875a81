// One writer per blob: the app's download and a training worker (or two CLI downloads)
// may want the same file at once, and two appends to one .incomplete file would corrupt
// it. A lock file made with O_EXCL holds the writer's pid; a lock whose process is gone
// (killed mid-download) is taken over. The lock lives beside the blob, under our own
// name, so it never collides with the lock files huggingface_hub keeps in .locks/.
import { open, readFile, rm } from 'node:fs/promises';
import { HubError } from './hub';

const POLL_MS = 200;
/** Locks this process holds: a lock file naming our pid but not in here is left by an earlier process that had the same pid. */
const held = new Set<string>();

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function holder(lockFile: string): Promise<number | undefined> {
  try {
    const pid = Number((await readFile(lockFile, 'utf8')).trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener('abort', () => {
      clearTimeout(timer);
      reject(new HubError('cancelled', 'download cancelled while waiting for another download of the same file'));
    }, { once: true });
  });
}

/** Runs `work` holding `lockFile`; waits while another live process holds it. */
export async function withBlobLock<T>(lockFile: string, work: () => Promise<T>, signal?: AbortSignal): Promise<T> {
  for (;;) {
    try {
      const handle = await open(lockFile, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      held.add(lockFile);
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
      const pid = await holder(lockFile);
      // No pid yet: the holder is between open and write; look again shortly.
      const stale = pid !== undefined && (pid === process.pid ? !held.has(lockFile) : !alive(pid));
      if (stale) {
        await rm(lockFile, { force: true });
        continue;
      }
      await sleep(POLL_MS, signal);
    }
  }
  try {
    return await work();
  } finally {
    held.delete(lockFile);
    await rm(lockFile, { force: true });
  }
}
