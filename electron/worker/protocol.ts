// Messages between the service (parent) and a training worker process.
import type { TrainerEvent } from '../../core/train/events';
import type { BackendProbeResult } from '../runs/backend-probe';
import type { RunEvaluation, RunRecord } from '../contract';

export type ParentToWorker =
  | { type: 'start'; runsRoot: string; runId: string; resume: boolean }
  /** Stop after the current step, saving a checkpoint of it. */
  | { type: 'cancel' }
  /** The person edited the run's name, tags or notes while it trains: this process writes run.json. */
  | { type: 'update'; patch: Pick<Partial<RunRecord>, 'name' | 'tags' | 'notes'> }
  /** Instead of training: the run's final model on a data file (electron/runs/test-evaluation.ts). */
  | { type: 'evaluate'; runsRoot: string; runId: string; file: string }
  /** Instead of training: report the backend runs get and its throughput (runs/backend-probe.ts), then exit. */
  | { type: 'probe' };

export type WorkerToParent =
  | { type: 'event'; event: TrainerEvent }
  /** The job returned (whatever its outcome, which run.json records); the process exits next. */
  | { type: 'finished' }
  | { type: 'probe'; result: BackendProbeResult }
  | { type: 'probe-failed'; message: string }
  | { type: 'evaluation'; evaluation: RunEvaluation }
  | { type: 'evaluation-failed'; message: string };
