// The time a run will take, estimated in its worker before the first step: the service's
// cached throughput probe of this backend (backend-probe.json in the workbench folder,
// see electron/service/runs-backend.ts) over the lengths of this run's own training
// features. The run page shows it as the ETA until steps have been timed.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { BertConfig } from '../../core/model/config';
import type { TrainingFeature } from '../../core/train/features';
import type { TrainingSettings } from '../../core/train/settings';
import type { LengthBin } from '../../core/train/time-estimate';
import { estimateTrainingTime } from '../../core/train/run-time-estimate';
import type { HeadName } from '../../core/model/layout';
import type { BackendProbeResult } from './backend-probe';

/** The probe the service cached for `backend`, if any (the workbench folder holds runs/ and backend-probe.json). */
export async function cachedProbe(runsRoot: string, backend: string): Promise<BackendProbeResult | undefined> {
  try {
    const cached = JSON.parse(await readFile(path.join(path.dirname(runsRoot), 'backend-probe.json'), 'utf8')) as { result?: BackendProbeResult };
    return cached.result?.throughput.backend === backend ? cached.result : undefined;
  } catch {
    return undefined; // no probe yet: the ETA comes from the first timed steps
  }
}

/** Token lengths of the features as a histogram of single lengths. */
function lengthHistogram(features: readonly TrainingFeature[]): LengthBin[] {
  const counts = new Map<number, number>();
  for (const feature of features) counts.set(feature.inputIds.length, (counts.get(feature.inputIds.length) ?? 0) + 1);
  return [...counts].sort(([a], [b]) => a - b).map(([length, count]) => ({ from: length, to: length + 1, count }));
}

export interface RunTimeEstimate {
  total_seconds: number;
  seconds_per_step: number;
}

export function estimateRunTime(probe: BackendProbeResult, model: BertConfig, head: HeadName, parameters: number, settings: TrainingSettings, features: readonly TrainingFeature[], totalSteps: number): RunTimeEstimate {
  const seqLen = Math.min(settings.max_seq_length, model.max_position_embeddings);
  const time = estimateTrainingTime(model, { batchSize: settings.batch_size, seqLen, head, gradientCheckpointing: settings.gradient_checkpointing }, probe.throughput, parameters, lengthHistogram(features));
  const secondsPerStep = time.secondsPerStep * settings.gradient_accumulation_steps;
  return { seconds_per_step: secondsPerStep, total_seconds: secondsPerStep * totalSteps + time.firstStepSeconds };
}
