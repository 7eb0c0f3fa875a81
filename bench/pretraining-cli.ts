// The pre-training rows of the bench on their own (the suite runs them with its learning
// part): `nice -n 10 node --import tsx bench/pretraining-cli.ts [--steps N] [--lr RATE] [--note TEXT]`.
// Appends a run to bench/results.json and rewrites bench/RESULTS.md.
import path from 'node:path';
import { initNodeBackend } from '../core/backend/node-backends';
import { benchPretrainingThroughput } from './pretraining-throughput';
import { benchPretraining, DEFAULT_PRETRAIN_STEPS } from './pretraining';
import { machineDescription, saveRun } from './results-store-node';
import type { BenchRow } from './results-table';

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const steps = Number(option('steps') ?? DEFAULT_PRETRAIN_STEPS);
const log = (line: string) => console.error(`[${new Date().toISOString().slice(11, 19)}] ${line}`);
const backend = await initNodeBackend();
log(`backend: ${backend.name}`);
const results: BenchRow[] = [];
if (!args.includes('--no-throughput')) {
  for (const row of await benchPretrainingThroughput({ onStep: (decoder, ms) => log(`throughput, decoder at ${decoder}: ${ms.toFixed(0)} ms`) })) {
    log(`${row.decoder}: ${row.samples_per_second.toFixed(2)} samples/s`);
    results.push(row);
  }
}
if (!args.includes('--no-learning')) {
  const lr = option('lr');
  results.push(...(await benchPretraining({ pretrainSteps: steps, ...(lr ? { pretrainLearningRate: Number(lr) } : {}), log, onRow: (row) => log(`${row.what}: ${row.metric} ${row.value.toFixed(4)} (${row.seconds.toFixed(0)} s)`) })));
}
const dir = import.meta.dirname;
const note = option('note');
await saveRun({ date: new Date().toISOString(), ...(note ? { note } : {}), machine: await machineDescription(), results }, { json: path.join(dir, 'results.json'), markdown: path.join(dir, 'RESULTS.md') });
log('wrote bench/results.json and bench/RESULTS.md');
