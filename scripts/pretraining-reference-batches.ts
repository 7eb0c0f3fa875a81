// Writes the batches of the pre-training reference run (electron/runs/testing-pretraining-reference.ts)
// as JSON, for scripts/pretraining_reference.py to replay in PyTorch:
//   node --import tsx scripts/pretraining-reference-batches.ts /tmp/batches.json
import { writeFileSync } from 'node:fs';
import * as tf from '../core/tf';
import { recordReferenceRun } from '../electron/runs/testing-pretraining-reference';

await tf.setBackend('cpu');
const out = process.argv[2];
if (!out) throw new Error('usage: pretraining-reference-batches.ts OUT.json');
writeFileSync(out, JSON.stringify(await recordReferenceRun()) + '\n');
console.log(`wrote ${out}`);
