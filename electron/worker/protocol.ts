// Messages between the service (parent) and a training worker process.
import type { TrainerEvent } from '../../core/train/events';
import type { BackendProbeResult } from '../runs/backend-probe';

export type ParentToWorker =
  | { type: 'start'; runsRoot: string; runId: string; resume: boolean }
  /** Stop after the current step; the last checkpoint stays valid. */
  | { type: 'cancel' }
  /** Report the backend runs get and its throughput (runs/backend-probe.ts), then exit. */
  | { type: 'probe' };

export type WorkerToParent =
  | { type: 'event'; event: TrainerEvent }
  /** The job returned (whatever its outcome, which run.json records); the process exits next. */
  | { type: 'finished' }
  | { type: 'probe'; result: BackendProbeResult }
  | { type: 'probe-failed'; message: string };
