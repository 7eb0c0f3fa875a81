// What a training run tells the world while it runs. One union for every listener: the
// run folder writer (electron/runs/training-job.ts), the service's worker relay, the CLI's
// progress bar and `--json` output. Plain data, so an event crosses a process boundary as
// one JSON line.
//
//   status      the run's phase changed (with the backend once it is known)
//   step        an optimizer update was logged: Trainer's log_history keys, plus the ETA
//   eval        an evaluation finished: eval_* metrics
//   checkpoint  checkpoints/step-N is complete on disk (or in the sink)
//   evaluation  an evaluation's report and predictions are stored (the run folder's evaluations/)
//   log         a sentence for the person (a warning about the data, a note on resuming)

import type { BackendDescription } from '../backend/select';

export type TrainingStatus = 'starting' | 'running' | 'completed' | 'cancelled' | 'failed';

export interface StatusEvent {
  type: 'status';
  status: TrainingStatus;
  /** A line for the person ("resumed from checkpoints/step-40", the error when failed). */
  message?: string;
  /** The TensorFlow.js backend in use, once selected. */
  backend?: BackendDescription;
}

/** One logged optimizer update; the keys of Trainer's `log_history`, plus the total and the ETA. */
export interface StepEvent {
  type: 'step';
  /** Optimizer updates done (1-based, as Trainer's global_step). */
  step: number;
  total_steps: number;
  /** Fractional: 1.5 is half-way through the second epoch. */
  epoch: number;
  /** Mean training loss over the updates since the previous log. */
  loss: number;
  /** The learning rate this update used (before layer-wise scaling). */
  learning_rate: number;
  /** Global gradient norm before clipping. */
  grad_norm: number;
  samples_per_second: number;
  /** Training seconds since the run first started, summed over resumes. */
  elapsed_s: number;
  /** Seconds left at this session's pace. */
  eta_s: number;
}

export interface EvalEvent {
  type: 'eval';
  step: number;
  epoch: number;
  elapsed_s: number;
  /** eval_loss, eval_accuracy, eval_f1, eval_exact_match, eval_perplexity, … */
  metrics: Record<string, number>;
}

export interface CheckpointEvent {
  type: 'checkpoint';
  step: number;
  /** Where the sink put it; for a run folder relative to it, e.g. "checkpoints/step-40". */
  path: string;
}

export interface EvaluationSavedEvent {
  type: 'evaluation';
  step: number;
  /** Which stored evaluations now hold it: always the latest, and the best when it is the new best. */
  kinds: ('last' | 'best')[];
}

export interface LogEvent {
  type: 'log';
  level: 'info' | 'warning';
  message: string;
}

export type TrainerEvent = StatusEvent | StepEvent | EvalEvent | CheckpointEvent | EvaluationSavedEvent | LogEvent;

export type TrainerEventListener = (event: TrainerEvent) => void;
