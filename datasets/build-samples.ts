// Rebuilds the bundled samples from the full data sets in ../shared/datasets (see
// SOURCES.md). Not part of the app or the tests; run by hand when the samples change:
//   npx tsx datasets/build-samples.ts ../shared/datasets
// Selections are seeded, so the output is the same every time.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Rng } from '../core/random';

const SEED = 2024;
const samplesDir = join(dirname(fileURLToPath(import.meta.url)), 'samples');

/** `count` of `items` chosen by seed, in their original order. */
function choose<T>(items: readonly T[], count: number): T[] {
  const picked = new Rng(SEED).permutation(items.length).slice(0, count).sort((a, b) => a - b);
  return picked.map((i) => items[i]!);
}

function write(relative: string, text: string): void {
  const path = join(samplesDir, relative);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, text);
}

function buildSst2(shared: string): void {
  const [header, ...rows] = readFileSync(join(shared, 'sst2/train.tsv'), 'utf8').split('\n').filter((l) => l !== '');
  write('sst2/train.tsv', [header, ...choose(rows, 2000)].join('\n') + '\n');
  write('sst2/dev.tsv', readFileSync(join(shared, 'sst2/dev.tsv'), 'utf8'));
}

function buildWnut17(shared: string): void {
  // Sentences end at blank or whitespace-only lines (WNUT's train file uses lone tabs).
  const sentences = (file: string) =>
    readFileSync(join(shared, 'wnut17', file), 'utf8')
      .split('\n')
      .reduce<string[][]>((acc, line) => {
        if (line.trim() === '') acc.push([]);
        else acc[acc.length - 1]!.push(line);
        return acc;
      }, [[]])
      .filter((s) => s.length > 0);
  const render = (list: string[][]) => list.map((s) => s.join('\n')).join('\n\n') + '\n';
  write('wnut17/train.conll', render(choose(sentences('emerging.train.conll'), 1000)));
  write('wnut17/dev.conll', render(sentences('emerging.dev.conll')));
}

function buildSquad(shared: string): void {
  // Split by article so that validation asks about text the model never trained on.
  const document = JSON.parse(readFileSync(join(shared, 'squad/squad-v2.0-dev-subset.haystack-small.json'), 'utf8')) as { version: string; data: { title: string }[] };
  const byTitle = (title: string) => JSON.stringify({ version: document.version, data: document.data.filter((a) => a.title === title) });
  write('squad-v2/train.json', byTitle('Computational_complexity_theory'));
  write('squad-v2/validation.json', byTitle('Normans'));
}

const shared = process.argv[2];
if (!shared) {
  process.stderr.write('usage: npx tsx datasets/build-samples.ts <path to shared/datasets>\n');
  process.exitCode = 2;
} else {
  buildSst2(shared);
  buildWnut17(shared);
  buildSquad(shared);
}
