// The dataset library: imports kept under their own names across restarts, one entry per
// content, renames and settings remembered, deletes that remove only the library's files,
// and the imports made before the library adopted.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatasetLibrary } from './dataset-library';
import { ServiceHost } from './host';
import { datasetLibraryHandlers } from './dataset-library';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'dataset-library-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const csv = (text: string) => new TextEncoder().encode(text);

describe('DatasetLibrary', () => {
  it('keeps an import under its own name and lists it after a restart', async () => {
    const bytes = csv('review_body,stars_sentiment\ngood,positive\n');
    const imported = await new DatasetLibrary(dir).import('reviews.csv', bytes, { task: 'classification' });
    expect(imported).toMatchObject({ name: 'reviews.csv', alreadyImported: false, bytes: bytes.length });
    expect(path.basename(imported.path)).toBe('reviews.csv');
    expect(readFileSync(imported.path, 'utf8')).toContain('review_body');
    const listed = await new DatasetLibrary(dir).list();
    expect(listed).toEqual([expect.objectContaining({ id: imported.id, name: 'reviews.csv', fileName: 'reviews.csv', path: imported.path, task: 'classification' })]);
  });

  it('recognises the same content imported twice, whatever its name', async () => {
    const library = new DatasetLibrary(dir);
    const first = await library.import('a.csv', csv('text,label\nx,1\n'));
    const again = await library.import('copy of a.csv', csv('text,label\nx,1\n'));
    expect(again).toEqual({ path: first.path, name: 'a.csv', bytes: first.bytes, id: first.id, alreadyImported: true });
    expect(await library.list()).toHaveLength(1);
    await library.import('b.csv', csv('text,label\ny,0\n'));
    expect((await library.list()).map((e) => e.name).sort()).toEqual(['a.csv', 'b.csv']);
  });

  it('renames, remembers settings, clears them, and deletes only its own files', async () => {
    const library = new DatasetLibrary(dir);
    const { id, path: file } = await library.import('r.csv', csv('review_body,stars\ngood,5\n'));
    await library.rename(id, '  Amazon reviews (sample) ');
    await library.update(id, { task: 'classification', columns: { text: 'review_body', label: 'stars' }, labelNames: { '5': 'five stars' } });
    let [entry] = await new DatasetLibrary(dir).list();
    expect(entry).toMatchObject({ name: 'Amazon reviews (sample)', fileName: 'r.csv', columns: { text: 'review_body', label: 'stars' }, labelNames: { '5': 'five stars' } });
    await library.update(id, { labelNames: null });
    [entry] = await library.list();
    expect(entry?.labelNames).toBeUndefined();
    expect(entry?.columns).toBeDefined();
    await expect(library.rename(id, 'two\nlines')).rejects.toThrow('without line breaks');

    writeFileSync(path.join(dir, 'not-ours.txt'), 'keep me');
    expect(await library.delete(id)).toEqual({ deleted: id });
    expect(existsSync(file)).toBe(false);
    expect(existsSync(path.dirname(file))).toBe(false);
    expect(existsSync(path.join(dir, 'not-ours.txt'))).toBe(true);
    expect(await new DatasetLibrary(dir).list()).toEqual([]);
    await expect(library.delete(id)).rejects.toThrow(`no data set "${id}"`);
  });

  it('adopts the imports made before the library under their own names, copies folded into one', async () => {
    mkdirSync(dir, { recursive: true });
    for (const stamp of ['2026-12-01-6ce14f', '2026-12-01-a0b1c2', '2026-12-02-ffffff']) writeFileSync(path.join(dir, `${stamp}-reviews_cols.csv`), 'text,label\nx,1\n');
    writeFileSync(path.join(dir, '2026-12-03-123456-other.tsv'), 'sentence\tlabel\ny\t0\n');
    const library = new DatasetLibrary(dir);
    const listed = await library.list();
    expect(listed.map((e) => e.name).sort()).toEqual(['other.tsv', 'reviews_cols.csv']);
    const reviews = listed.find((e) => e.name === 'reviews_cols.csv')!;
    expect(reviews.copies).toHaveLength(2);
    // The same content imported now is that entry; deleting it removes every copy.
    expect((await library.import('reviews_cols.csv', csv('text,label\nx,1\n'))).alreadyImported).toBe(true);
    await library.delete(reviews.id);
    expect(readdirSync(dir).filter((f) => f.includes('reviews_cols'))).toEqual([]);
    expect(await new DatasetLibrary(dir).list()).toHaveLength(1);
  });

  it('survives a damaged library.json: the files are listed again', async () => {
    const { id } = await new DatasetLibrary(dir).import('a.csv', csv('text,label\nx,1\n'));
    writeFileSync(path.join(dir, 'library.json'), '{"version": 1, "datasets": [');
    expect((await new DatasetLibrary(dir).list()).map((e) => e.id)).toEqual([id]);
  });

  it('keeps names that are not file names', async () => {
    const library = new DatasetLibrary(dir);
    const imported = await library.import('../../etc/x:y?.csv', csv('text,label\nz,1\n'));
    expect(path.dirname(path.dirname(imported.path))).toBe(dir);
    expect(path.basename(imported.path)).toBe('x_y_.csv');
  });
});

describe('the library through the service contract', () => {
  it('lists, renames, updates and deletes; refuses a bad id', async () => {
    const host = new ServiceHost(datasetLibraryHandlers(new DatasetLibrary(dir)) as never);
    const call = async (method: string, params: unknown) => (await host.handle(JSON.stringify({ id: 1, method, params }))) as { result?: any; error?: { message: string } }; // eslint-disable-line @typescript-eslint/no-explicit-any
    const imported = (await call('datasets.import', { name: 'r.csv', contentBase64: Buffer.from('text,label\nx,1\n').toString('base64'), task: 'classification' })).result!;
    expect((await call('datasets.list', {})).result).toHaveLength(1);
    expect(imported).toBeDefined();
    expect((await call('datasets.rename', { id: imported.id, name: 'Reviews' })).result.name).toBe('Reviews');
    expect((await call('datasets.update', { id: imported.id, columns: { text: 'text', text_pair: null } })).result.columns).toEqual({ text: 'text', text_pair: null });
    expect((await call('datasets.delete', { id: '../runs' })).error?.message).toContain('16 hex digits');
    expect((await call('datasets.delete', { id: imported.id })).result).toEqual({ deleted: imported.id });
  });
});
