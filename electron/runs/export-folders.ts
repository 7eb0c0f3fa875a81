// Which export folders a client may open in the file manager or download as a zip: the
// ones the service wrote for that run in this session, and those under the run's own
// exports/ folder. A path from a client is never trusted beyond that.
import { realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { ExportError } from './export-error';
import type { RunStore } from './run-store';

export class ExportFolders {
  private readonly written = new Map<string, Set<string>>();

  constructor(private readonly store: RunStore) {}

  /** Records a folder runs.export wrote for the run. */
  remember(runId: string, folder: string): void {
    const folders = this.written.get(runId) ?? new Set<string>();
    folders.add(path.resolve(folder));
    this.written.set(runId, folders);
  }

  /** The folder, resolved, when it is an export of the run that still exists; an ExportError otherwise. */
  async resolve(runId: string, folder: string): Promise<string> {
    await this.store.get(runId); // the run exists (a RunNotFoundError otherwise)
    const runDir = this.store.dir(runId);
    const wanted = path.resolve(folder);
    const real = await realpath(wanted).catch(() => undefined);
    if (!real || !(await stat(real)).isDirectory()) throw new ExportError(`the export folder ${wanted} is gone`);
    const exportsDir = await realpath(path.join(runDir, 'exports')).catch(() => undefined);
    const inside = exportsDir !== undefined && real.startsWith(exportsDir + path.sep);
    if (!inside && !this.written.get(runId)?.has(wanted)) throw new ExportError(`${wanted} is not an export of run "${runId}"`);
    return real;
  }
}
