// Large files are parsed as they stream in: a ~20 MB CSV yields its first rows after the
// first chunk, long before the last byte is read, and progress arrives all along.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { delimitedRows } from './formats/delimited';
import { ProblemLog } from './problems';
import { fileSource, loadDatasetFiles, type ReadProgress } from './read-node';
import { decodeUtf8 } from './text/decode';

const ROWS = 220_000;
let dir: string;
let path: string;
let size: number;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'datasets-stream-'));
  path = join(dir, 'big.csv');
  // ~100 bytes a row, a quoted field with a comma and a newline every 1,000 rows.
  const rows = Array.from({ length: ROWS }, (_, i) =>
    i % 1000 === 0 ? `"row ${i}, a quoted\nfield that spans two lines and pads the row to about a hundred bytes",${i % 3}` : `row ${i} is a plain sentence of text that pads the row out to roughly one hundred bytes,${i % 3}`,
  );
  const text = 'text,label\n' + rows.join('\n') + '\n';
  writeFileSync(path, text);
  size = Buffer.byteLength(text);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('streaming a large CSV', () => {
  it('yields rows before the file is read to the end', async () => {
    expect(size).toBeGreaterThan(20_000_000);
    let bytesRead = 0;
    const source = fileSource(path, { onProgress: (p) => (bytesRead = p.bytesRead) });
    let bytesWhenFirstRow: number | undefined;
    let rows = 0;
    let lastLine = 0;
    for await (const row of delimitedRows(decodeUtf8(source, new ProblemLog()), { delimiter: ',', quoting: true })) {
      bytesWhenFirstRow ??= bytesRead;
      rows++;
      lastLine = row.line;
    }
    expect(bytesWhenFirstRow).toBeLessThanOrEqual(1024 * 1024);
    expect(rows).toBe(ROWS + 1);
    expect(lastLine).toBe(ROWS + 1 + ROWS / 1000); // each quoted row adds a line
  });

  it('loads the data set with progress callbacks all along', async () => {
    const progress: ReadProgress[] = [];
    const dataset = await loadDatasetFiles('classification', { train: path }, { split: false, onProgress: (p) => progress.push(p) });
    expect(dataset.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect(dataset.train).toHaveLength(ROWS);
    expect(dataset.train[1000]).toMatchObject({ label: '1', line: 1003 });
    expect(progress.length).toBe(Math.ceil(size / (1024 * 1024)));
    expect(progress[0]).toEqual({ file: path, bytesRead: 1024 * 1024, totalBytes: size });
    expect(progress.at(-1)!.bytesRead).toBe(size);
  });
});
