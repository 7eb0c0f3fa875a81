import { describe, expect, it } from 'vitest';
import { statSync } from 'node:fs';
import { loadDatasetFiles } from './read-node';
import { defaultSamplesDir, listSamples } from './samples-node';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';

describe('listSamples', () => {
  const samples = listSamples();

  it('lists one sample per task', () => {
    expect(samples.map((s) => [s.id, s.task])).toEqual([
      ['sst2', 'classification'],
      ['wnut17', 'ner'],
      ['squad-v2', 'qa'],
      ['sst2-text', 'mlm'],
    ]);
    for (const sample of samples) expect(sample.description.length).toBeGreaterThan(40);
  });

  it.each(listSamples().map((s) => [s.id, s] as const))('%s loads without errors and with the stated counts', async (_id, sample) => {
    const dataset = await loadDatasetFiles(sample.task, sample.files);
    expect(dataset.problems.filter((p) => p.severity === 'error')).toEqual([]);
    expect({ train: dataset.train.length, validation: dataset.validation.length }).toEqual(sample.counts);
  });

  it('stays small (< 1.5 MB) and credits its sources', () => {
    const dir = defaultSamplesDir();
    const bytes = (folder: string): number =>
      readdirSync(folder, { withFileTypes: true }).reduce((sum, entry) => sum + (entry.isDirectory() ? bytes(join(folder, entry.name)) : statSync(join(folder, entry.name)).size), 0);
    expect(bytes(dir)).toBeLessThan(1.5 * 1024 * 1024);
    expect(statSync(join(dir, 'SOURCES.md')).size).toBeGreaterThan(500);
  });
});
