// The data sets a person imported into the app, kept across restarts: each file under its
// own name in a folder of its own (`datasets/<id>/reviews.csv`), and `library.json` listing
// them with what the person said about them (a display name, the task, the column mapping,
// the label names). The id is the start of the content's SHA-256, so the same file
// imported twice is one data set. Files imported before the library existed
// (`datasets/2026-12-01-6ce14f-reviews.csv`) are adopted under their own names, copies of
// one content folded into one entry.
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { lstat, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../core/io/atomic-write-node';
import type { DatasetEntry, DatasetSettings, ImportedFile } from '../contract';
import { ServiceError, type Handlers } from './host';

const LIBRARY_FILE = 'library.json';
const ID = /^[0-9a-f]{16}$/;
/** What the app named imports before the library: date, six hex digits, the file's name. */
const LEGACY_NAME = /^\d{4}-\d{2}-\d{2}-[0-9a-f]{6}-(.+)$/;

interface LibraryFile {
  version: 1;
  datasets: DatasetEntry[];
}

export class DatasetLibrary {
  private entries: DatasetEntry[] | undefined;
  /** One change at a time: every method reads and writes library.json whole. */
  private queue: Promise<unknown> = Promise.resolve();

  constructor(readonly dir: string) {}

  list(): Promise<DatasetEntry[]> {
    return this.serial(async () => [...(await this.load())].sort((a, b) => b.importedAt.localeCompare(a.importedAt)));
  }

  /** Keeps the bytes under their own name; the same content again returns the entry it already has. */
  import(name: string, bytes: Uint8Array, settings: DatasetSettings = {}): Promise<ImportedFile & { id: string; alreadyImported: boolean }> {
    return this.serial(async () => {
      if (bytes.length === 0) throw new ServiceError(`${name} is empty`);
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const entries = await this.load();
      const known = entries.find((e) => e.sha256 === sha256);
      if (known) return { path: known.path, name: known.name, bytes: known.bytes, id: known.id, alreadyImported: true };
      const fileName = ownFileName(name);
      const id = sha256.slice(0, 16);
      const target = path.join(this.dir, id, fileName);
      await writeFileAtomic(target, bytes);
      const entry: DatasetEntry = { id, name: fileName, fileName, path: target, bytes: bytes.length, sha256, importedAt: new Date().toISOString(), ...cleanSettings(settings) };
      await this.save([...entries, entry]);
      return { path: target, name: fileName, bytes: bytes.length, id, alreadyImported: false };
    });
  }

  async rename(id: string, name: string): Promise<DatasetEntry> {
    const shown = name.trim();
    if (shown === '' || /[\u0000-\u001f\u007f]/.test(shown)) throw new ServiceError('a data set\'s name must be text without line breaks or control characters');
    return this.change(id, (entry) => ({ ...entry, name: shown }));
  }

  /** Remembers how the person reads the data set: task, columns, label names (undefined leaves a setting, null clears it). */
  update(id: string, settings: { [K in keyof DatasetSettings]?: DatasetSettings[K] | null }): Promise<DatasetEntry> {
    return this.change(id, (entry) => {
      const next: DatasetEntry = { ...entry };
      if (settings.task === null) delete next.task;
      else if (settings.task !== undefined) next.task = settings.task;
      if (settings.columns === null) delete next.columns;
      else if (settings.columns !== undefined) next.columns = settings.columns;
      if (settings.labelNames === null) delete next.labelNames;
      else if (settings.labelNames !== undefined) next.labelNames = settings.labelNames;
      return next;
    });
  }

  /** Deletes the data set's files (and any older copies of them) and its entry. Runs trained on it keep their models. */
  delete(id: string): Promise<{ deleted: string }> {
    return this.serial(async () => {
      const entries = await this.load();
      const entry = findEntry(entries, id);
      for (const file of [entry.path, ...(entry.copies ?? [])]) await this.removeFile(file);
      await this.save(entries.filter((e) => e !== entry));
      return { deleted: entry.id };
    });
  }

  private change(id: string, edit: (entry: DatasetEntry) => DatasetEntry): Promise<DatasetEntry> {
    return this.serial(async () => {
      const entries = await this.load();
      const entry = findEntry(entries, id);
      const changed = edit(entry);
      await this.save(entries.map((e) => (e === entry ? changed : e)));
      return changed;
    });
  }

  /** Only files of this library, inside its folder; a file's own folder goes with it. */
  private async removeFile(file: string): Promise<void> {
    const relative = path.relative(this.dir, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return;
    const [first] = relative.split(path.sep);
    if (first !== undefined && ID.test(first)) await rm(path.join(this.dir, first), { recursive: true, force: true });
    else await rm(file, { force: true });
  }

  private async load(): Promise<DatasetEntry[]> {
    if (!this.entries) {
      const stored = await this.readLibrary();
      const present = stored.filter((entry) => existsSync(entry.path)); // deleted by hand: nothing to list
      const copiesBefore = present.reduce((n, e) => n + (e.copies?.length ?? 0), 0);
      const adopted = await this.adoptLegacyFiles(present);
      const copiesAfter = present.reduce((n, e) => n + (e.copies?.length ?? 0), 0);
      this.entries = [...present, ...adopted];
      if (adopted.length > 0 || copiesAfter !== copiesBefore || present.length !== stored.length) await this.save(this.entries);
    }
    return this.entries;
  }

  private async readLibrary(): Promise<DatasetEntry[]> {
    const file = path.join(this.dir, LIBRARY_FILE);
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    try {
      const parsed = JSON.parse(text) as Partial<LibraryFile>;
      return Array.isArray(parsed.datasets) ? parsed.datasets.filter(isEntry) : [];
    } catch {
      // A damaged list must not hide the files: start over from what is on disk.
      return [];
    }
  }

  private async save(entries: DatasetEntry[]): Promise<void> {
    this.entries = entries;
    const library: LibraryFile = { version: 1, datasets: entries };
    await writeFileAtomic(path.join(this.dir, LIBRARY_FILE), JSON.stringify(library, null, 1) + '\n');
  }

  /** Imports made before the library (and files from a damaged library.json), one entry per content. */
  private async adoptLegacyFiles(known: readonly DatasetEntry[]): Promise<DatasetEntry[]> {
    const listed = new Set(known.flatMap((e) => [e.path, ...(e.copies ?? [])]));
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const adopted: DatasetEntry[] = [];
    for (const name of names.sort()) {
      const file = path.join(this.dir, name);
      const legacy = LEGACY_NAME.exec(name);
      const inOwnFolder = ID.test(name);
      if (!legacy && !inOwnFolder) continue;
      const candidates = inOwnFolder ? (await readdir(file).catch(() => [] as string[])).filter((f) => !f.startsWith('.')).map((f) => path.join(file, f)) : [file];
      for (const candidate of candidates) {
        if (listed.has(candidate)) continue;
        const stat = await lstat(candidate).catch(() => undefined);
        if (!stat?.isFile()) continue;
        const bytes = await readFile(candidate);
        const sha256 = createHash('sha256').update(bytes).digest('hex');
        const twin = [...known, ...adopted].find((e) => e.sha256 === sha256);
        if (twin) {
          twin.copies = [...(twin.copies ?? []), candidate];
          continue;
        }
        const fileName = legacy?.[1] ?? path.basename(candidate);
        adopted.push({ id: sha256.slice(0, 16), name: fileName, fileName, path: candidate, bytes: stat.size, sha256, importedAt: stat.mtime.toISOString() });
      }
    }
    return adopted;
  }

  private serial<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(async () => {
      await mkdir(this.dir, { recursive: true });
      return work();
    });
    this.queue = run.catch(() => {});
    return run;
  }
}

function findEntry(entries: readonly DatasetEntry[], id: string): DatasetEntry {
  const entry = entries.find((e) => e.id === id);
  if (!entry) throw new ServiceError(`no data set "${id}" in the library (deleted?)`);
  return entry;
}

/** The name a file is kept under: the name it came with, minus what a file system cannot hold. */
function ownFileName(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? '';
  const safe = base.replace(/[\u0000-\u001f\u007f:*?"<>|]/g, '_').replace(/^[.\s]+/, '').trim().slice(0, 200);
  return safe || 'data';
}

function cleanSettings(settings: DatasetSettings): DatasetSettings {
  const clean: DatasetSettings = {};
  if (settings.task) clean.task = settings.task;
  if (settings.columns) clean.columns = settings.columns;
  if (settings.labelNames) clean.labelNames = settings.labelNames;
  return clean;
}

function isEntry(value: unknown): value is DatasetEntry {
  const e = value as Partial<DatasetEntry> | null;
  return !!e && typeof e.id === 'string' && ID.test(e.id) && typeof e.name === 'string' && typeof e.path === 'string' && typeof e.sha256 === 'string' && typeof e.bytes === 'number' && typeof e.importedAt === 'string';
}

/** The library's part of the service API (a thin hook in workbench.ts). */
export function datasetLibraryHandlers(library: DatasetLibrary): Pick<Handlers, 'datasets.import' | 'datasets.list' | 'datasets.rename' | 'datasets.update' | 'datasets.delete'> {
  return {
    'datasets.import': ({ name, contentBase64, task }) => library.import(name, Buffer.from(contentBase64, 'base64'), task ? { task } : {}),
    'datasets.list': () => library.list(),
    'datasets.rename': ({ id, name }) => library.rename(id, name),
    'datasets.update': ({ id, ...settings }) => library.update(id, settings),
    'datasets.delete': ({ id }) => library.delete(id),
  };
}
