// Messages between the service (parent) and a training worker process.
import type { TrainerEvent } from '../../core/train/events';
import type { BackendProbeResult } from '../runs/backend-probe';
import type { LatencyReport, RunEvaluation, RunRecord } from '../contract';
import type { LatencyRequest } from '../runs/model-latency';

export type ParentToWorker =
  | { type: 'start'; runsRoot: string; runId: string; resume: boolean }
  /** Stop after the current step, saving a checkpoint of it. */
  | { type: 'cancel' }
  /** The person edited the run's name, tags or notes while it trains: this process writes run.json. */
  | { type: 'update'; patch: Pick<Partial<RunRecord>, 'name' | 'tags' | 'notes'> }
  /** Instead of training: the run's final model on a data file (electron/runs/test-evaluation.ts). */
  | { type: 'evaluate'; runsRoot: string; runId: string; file: string }
  /** Instead of training: report the backend runs get and its throughput (runs/backend-probe.ts), then exit. */
  | { type: 'probe' }
  /** Instead of training: time the models' forward passes (runs.latency), answer, exit. */
  | { type: 'latency'; request: LatencyRequest };

export type WorkerToParent =
  | { type: 'event'; event: TrainerEvent }
  /** The job returned (whatever its outcome, which run.json records); the process exits next. */
  | { type: 'finished' }
  | { type: 'probe'; result: BackendProbeResult }
  | { type: 'probe-failed'; message: string }
  | { type: 'evaluation'; evaluation: RunEvaluation }
  | { type: 'evaluation-failed'; message: string }
  | { type: 'latency'; report: Omit<LatencyReport, 'disturbed'> }
  | { type: 'latency-failed'; message: string };
