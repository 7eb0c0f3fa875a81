// The sample data sets that ship with the app (datasets/samples/), for its first screen.
// Node edge: resolves the files on disk.
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { TASKS, type Task } from './types';

export interface Sample {
  id: string;
  task: Task;
  name: string;
  description: string;
  /** Absolute paths. */
  files: { train: string; validation: string };
  counts: { train: number; validation: number };
}

const manifestSchema = z.array(
  z.object({
    id: z.string(),
    task: z.enum(TASKS as [Task, ...Task[]]),
    name: z.string(),
    description: z.string(),
    files: z.object({ train: z.string(), validation: z.string() }),
    counts: z.object({ train: z.number().int(), validation: z.number().int() }),
  }),
);

/** Where the samples are: next to this file in a checkout; packaged builds pass their resources folder. */
export function defaultSamplesDir(): string {
  return join(dirname(fileURLToPath(import.meta.url)), 'samples');
}

export function listSamples(samplesDir: string = defaultSamplesDir()): Sample[] {
  const manifest = manifestSchema.parse(JSON.parse(readFileSync(join(samplesDir, 'samples.json'), 'utf8')));
  return manifest.map((sample) => ({
    ...sample,
    files: { train: join(samplesDir, sample.files.train), validation: join(samplesDir, sample.files.validation) },
  }));
}
