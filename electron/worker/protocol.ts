// Messages between the service (parent) and a training worker process.
import type { TrainerEvent } from '../../core/train/events';
import type { LatencyReport } from '../contract';
import type { LatencyRequest } from '../runs/model-latency';

export type ParentToWorker =
  | { type: 'start'; runsRoot: string; runId: string; resume: boolean }
  /** Stop after the current step; the last checkpoint stays valid. */
  | { type: 'cancel' }
  /** Instead of training: time the models' forward passes (runs.latency), answer, exit. */
  | { type: 'latency'; request: LatencyRequest };

export type WorkerToParent =
  | { type: 'event'; event: TrainerEvent }
  /** The job returned (whatever its outcome, which run.json records); the process exits next. */
  | { type: 'finished' }
  | { type: 'latency'; report: Omit<LatencyReport, 'disturbed'> }
  | { type: 'latency-failed'; message: string };
