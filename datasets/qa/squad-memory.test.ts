// Reading a large SQuAD file holds the examples it makes, not the file: at no moment does
// the live heap exceed the examples by more than a few MB. (What it does hold beyond them
// grows with the number of questions, not with the text: a 40 MB file needs 4–6 MB.)
//
// The peak of a synchronous step (a JSON.parse of the whole text) cannot be sampled from
// inside, so the test lets V8 enforce it: the file is read in a worker thread whose old
// generation is limited to what the examples need plus HEADROOM_MB. V8 collects garbage
// before it gives up, so only memory that is live at once counts. The examples' size is
// measured first, in a worker without a limit. A 20.3 MB file, before the reader streamed:
// 73 MB of examples, and it needed 16–22 MB beyond them; now 32 MB, and 3 MB beyond.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import { build } from 'esbuild';
import { writeLargeSquad } from './testing-large-squad-node';

const MB = 1024 * 1024;
const HEADROOM_MB = 8;

// The worker: live heap (after a full collection) before reading and with the examples held.
const WORKER = `
import { parentPort, workerData } from 'node:worker_threads';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadDatasetFiles } from '../read-node';
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');
const live = () => { gc(); return getHeapStatistics().used_heap_size; };
const before = live();
const dataset = await loadDatasetFiles('qa', { train: workerData.file }, { split: false });
const held = live();
parentPort.postMessage({ before, held, questions: dataset.train.length, problems: dataset.problems });
`;

interface Reading {
  before: number;
  held: number;
  questions: number;
  problems: unknown[];
}

let dir: string;
let file: string;
let worker: string;

function readInWorker(resourceLimits?: ResourceLimits): Promise<Reading> {
  return new Promise((resolve, reject) => {
    const thread = new Worker(worker, { workerData: { file }, ...(resourceLimits ? { resourceLimits } : {}) });
    thread.once('message', (reading: Reading) => {
      resolve(reading);
      void thread.terminate();
    });
    thread.once('error', reject);
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'squad-memory-'));
  file = join(dir, 'squad-20mb.json');
  writeLargeSquad(file, 20 * MB);
  worker = join(dir, 'read-squad.mjs');
  await build({ stdin: { contents: WORKER, resolveDir: __dirname, loader: 'ts' }, bundle: true, platform: 'node', format: 'esm', outfile: worker, logLevel: 'silent' });
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('reading a 20 MB SQuAD file', () => {
  it(`never holds more than ${HEADROOM_MB} MB beyond the examples it makes`, async () => {
    const size = statSync(file).size;
    expect(size).toBeGreaterThan(20 * MB);
    const free = await readInWorker();
    expect(free.problems).toEqual([]);
    expect(free.questions).toBeGreaterThan(50_000);
    // Each string is a copy of its text: one sliced from a chunk would keep the chunk, and so the file, alive.
    expect(free.held - free.before).toBeLessThan(2 * size);
    const limitMb = Math.ceil(free.held / MB) + HEADROOM_MB;
    console.log(`SQuAD ${(size / MB).toFixed(1)} MB: the worker's heap is ${(free.before / MB).toFixed(1)} MB before reading, ${(free.held / MB).toFixed(1)} MB holding ${free.questions} questions; read again within a ${limitMb} MB old generation`);
    // Before the reader streamed, the whole text and its parse tree were live at once with the examples: ERR_WORKER_OUT_OF_MEMORY.
    const limited = await readInWorker({ maxOldGenerationSizeMb: limitMb });
    expect(limited.questions).toBe(free.questions);
  });
});
