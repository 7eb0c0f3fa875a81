// The workbench's home (~/.bert-workbench, or WORKBENCH_HOME) holds imported datasets,
// runs and trained models: the user's alone. It is created 0700, and an existing one
// made readable to others (by an older version, or an umask of 022) is tightened; what
// is written inside is created 0600 (core/io/private-modes.ts).
import { chmod, mkdir, stat } from 'node:fs/promises';
import { PRIVATE_DIR_MODE } from '../core/io/private-modes';

export async function preparePrivateHome(home: string): Promise<void> {
  await mkdir(home, { recursive: true, mode: PRIVATE_DIR_MODE });
  const info = await stat(home);
  // Only our own folder: a home pointed at a shared place is not ours to change.
  if (process.platform !== 'win32' && info.uid === process.getuid?.() && (info.mode & 0o077) !== 0) await chmod(home, PRIVATE_DIR_MODE);
}
