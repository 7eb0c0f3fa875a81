// How long a step of a given run shape takes here, from the runs this machine already
// trained: the median samples/s of the latest matching run. Measured, never guessed.
import type { RunConfig } from '../../core/train/run-config';
import type { RunStore } from '../runs/run-store';
import type { StepTimer } from './training';
import { median } from '../../core/metrics/spread';

function sameShape(a: RunConfig, b: Record<string, unknown>): boolean {
  const other = b as unknown as RunConfig;
  if (!other.training || !other.model || other.task !== a.task) return false;
  return (
    JSON.stringify(other.model) === JSON.stringify(a.model) &&
    other.training.batch_size === a.training.batch_size &&
    other.training.max_seq_length === a.training.max_seq_length
  );
}

export function measuredStepTimer(store: RunStore, backendName: () => Promise<string | null>): StepTimer {
  return async (config) => {
    const backend = await backendName();
    for (const run of await store.list()) {
      if (!sameShape(config, run.config) || run.backend?.name !== backend) continue;
      // A run whose metrics cannot be read (damaged) says nothing about speed; the next may.
      const rows = await store.readMetrics(run.id).catch(() => []);
      const rates = rows.flatMap((row) => (row.samples_per_second && row.samples_per_second > 0 ? [row.samples_per_second] : []));
      if (rates.length === 0) continue;
      return (config.training.batch_size * config.training.gradient_accumulation_steps) / median(rates);
    }
    return undefined;
  };
}
