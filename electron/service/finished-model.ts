// Where a completed run's final model is: what the playground, distillation and latency
// measurements load. Any other run is refused with its status.
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { RunStore } from '../runs/run-store';
import { FINAL_MODEL_DIR } from '../runs/run-store';
import { ServiceError } from './host';

export async function finishedModelDir(store: RunStore, id: string): Promise<string> {
  const run = await store.get(id);
  const dir = path.join(store.dir(id), FINAL_MODEL_DIR);
  if (run.status !== 'completed' || !existsSync(dir)) throw new ServiceError(`run "${run.name}" has no final model yet (it is ${run.status})`);
  return dir;
}
