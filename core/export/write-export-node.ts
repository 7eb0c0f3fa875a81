// Writing an export folder: every file atomically (a reader sees the old file or the new
// one), the entry file (config.json / model.json) last. Every format goes through here.
//
// Where it may write: a new folder, an empty one, or one this app made — known by the
// marker file it leaves, which lists what it wrote. It never overwrites or deletes a file
// it did not write: an export into a folder holding someone's README.md is refused, and
// re-exporting removes only the files the earlier export wrote that this one does not
// (fewer shards, say). The marker is written first, naming every file about to be
// written, and rewritten last with exactly the new export's files, so a crash between
// leaves a marker that still covers everything the app wrote.
import { readdir, readFile, rm } from 'node:fs/promises';
import { dirname, join, normalize, sep } from 'node:path';
import { writeFileAtomic, writeJsonAtomic } from '../io/atomic-write-node';

export const EXPORT_MARKER_FILE = '.bert-workbench-export.json';
const GENERATOR = 'BERT Workbench';

export class ExportDestinationError extends Error {
  override name = 'ExportDestinationError';
}

export interface WriteExportOptions {
  /** Written after every other file. */
  last: string;
  /**
   * The folder lies in the app's own area (a run's exports/): its files are the app's even
   * without a marker (exports written before markers existed).
   */
  ownedByApp?: boolean;
}

interface Marker {
  generator: string;
  files: string[];
}

/** Every file under `dir`, as paths relative to it with '/' separators. */
async function filesUnder(dir: string, prefix = ''): Promise<string[]> {
  const entries = await readdir(join(dir, prefix), { withFileTypes: true });
  const files: string[] = [];
  for (const entry of entries) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...(await filesUnder(dir, relative)));
    else files.push(relative);
  }
  return files;
}

async function readMarker(dir: string): Promise<Marker | undefined> {
  let text: string;
  try {
    text = await readFile(join(dir, EXPORT_MARKER_FILE), 'utf8');
  } catch {
    return undefined;
  }
  try {
    const marker = JSON.parse(text) as Partial<Marker>;
    if (marker.generator === GENERATOR && Array.isArray(marker.files) && marker.files.every((f) => typeof f === 'string')) return { generator: GENERATOR, files: marker.files };
  } catch {
    // a damaged marker proves nothing
  }
  return undefined;
}

/** The files an earlier export of this app left in `dir` (empty for a new or empty folder); throws when `dir` holds anything else. */
async function previousExport(dir: string, ownedByApp: boolean, writing: ReadonlySet<string>): Promise<string[]> {
  let present: string[];
  try {
    present = (await filesUnder(dir)).filter((file) => file !== EXPORT_MARKER_FILE);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return [];
    if (code === 'ENOTDIR') throw new ExportDestinationError(`cannot export into ${dir}: it is a file, not a folder`);
    throw error;
  }
  if (present.length === 0) return [];
  if (ownedByApp) return present;
  const marker = await readMarker(dir);
  if (!marker) {
    throw new ExportDestinationError(
      `cannot export into ${dir}: it already holds files this app did not write (${list(present)}); choose a new or empty folder, or one an earlier export made`,
    );
  }
  const ours = new Set(marker.files);
  const foreign = present.filter((file) => !ours.has(file) && writing.has(file));
  if (foreign.length > 0) throw new ExportDestinationError(`cannot export into ${dir}: the export would overwrite files this app did not write (${list(foreign)})`);
  return marker.files.filter((file) => present.includes(file));
}

function list(files: string[]): string {
  const shown = files.slice(0, 5).join(', ');
  return files.length > 5 ? `${shown} and ${files.length - 5} more` : shown;
}

/** A file name of the export must stay inside its folder. */
function checkedName(name: string): string {
  const normal = normalize(name).split(sep).join('/');
  if (normal.startsWith('../') || normal === '..' || normal.startsWith('/') || normal === EXPORT_MARKER_FILE) throw new Error(`an export file may not be named ${name}`);
  return normal;
}

/** Writes `files` into `dir`; returns their names, sorted (the marker is not among them). */
export async function writeExportFolder(dir: string, files: Map<string, Uint8Array>, options: WriteExportOptions): Promise<string[]> {
  const names = [...files.keys()].map(checkedName);
  const writing = new Set(names);
  const previous = await previousExport(dir, options.ownedByApp ?? false, writing);
  const marker = (list: Iterable<string>): Marker => ({ generator: GENERATOR, files: [...new Set(list)].sort() });

  await writeJsonAtomic(join(dir, EXPORT_MARKER_FILE), marker([...previous, ...names]));
  const order = [...files].sort(([a], [b]) => Number(a === options.last) - Number(b === options.last));
  for (const [name, bytes] of order) await writeFileAtomic(join(dir, checkedName(name)), bytes);
  for (const stale of previous.filter((file) => !writing.has(file))) {
    await rm(join(dir, stale), { force: true });
    await removeEmptyParents(dir, dirname(stale));
  }
  await writeJsonAtomic(join(dir, EXPORT_MARKER_FILE), marker(names));
  return [...names].sort();
}

async function removeEmptyParents(root: string, relative: string): Promise<void> {
  for (let folder = relative; folder !== '.' && folder !== ''; folder = dirname(folder)) {
    const entries = await readdir(join(root, folder)).catch(() => ['?']);
    if (entries.length > 0) return;
    await rm(join(root, folder), { recursive: true, force: true });
  }
}
