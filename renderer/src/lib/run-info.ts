// What a run is, read from its record: task, model, and which actions make sense now.
import type { RunRecord, RunStatus } from '../../../electron/contract';

export function runTask(run: Pick<RunRecord, 'config'>): string {
  return typeof run.config.task === 'string' ? run.config.task : '—';
}

export function runModel(run: Pick<RunRecord, 'config'>): string {
  const model = (run.config.model ?? {}) as { preset?: unknown; checkpoint?: unknown; hub?: unknown };
  if (typeof model.preset === 'string') return model.preset;
  if (typeof model.hub === 'string') return model.hub;
  if (typeof model.checkpoint === 'string') return model.checkpoint.split(/[\\/]/).filter(Boolean).pop() ?? model.checkpoint;
  return '—';
}

/** A domain pre-training run (task mlm, or its alias): what "Fine-tune from this run" starts from. */
export function isPretraining(run: Pick<RunRecord, 'config'>): boolean {
  return run.config.task === 'mlm' || run.config.task === 'pretraining';
}

/** The run whose final model folder (<runs>/<id>/model) this run starts from, when it is one of `runs`. */
export function startingRun<R extends Pick<RunRecord, 'id' | 'config'>>(run: Pick<RunRecord, 'config'>, runs: readonly R[]): R | undefined {
  const checkpoint = (run.config.model as { checkpoint?: unknown } | undefined)?.checkpoint;
  if (typeof checkpoint !== 'string') return undefined;
  const parts = checkpoint.split(/[\\/]/).filter(Boolean);
  if (parts.at(-1) !== 'model') return undefined;
  return runs.find((r) => r.id === parts.at(-2));
}

const ACTIVE: readonly RunStatus[] = ['created', 'queued', 'running'];

export function isActive(run: Pick<RunRecord, 'status'>): boolean {
  return ACTIVE.includes(run.status);
}

export function canCancel(run: Pick<RunRecord, 'status'>): boolean {
  return run.status === 'queued' || run.status === 'running';
}

/** Every stopped run resumes: from its last checkpoint (a cancel saves one), or from the start when it stopped before its first step. */
export function canResume(run: Pick<RunRecord, 'status'>): boolean {
  return run.status === 'cancelled' || run.status === 'interrupted' || run.status === 'failed';
}

/** What Resume will do, for its tooltip. */
export function resumeHint(run: Pick<RunRecord, 'last_checkpoint'>): string {
  return run.last_checkpoint ? `continues from step ${run.last_checkpoint.step} (${run.last_checkpoint.path})` : 'starts from the beginning: it stopped before saving any step';
}

export function hasModel(run: Pick<RunRecord, 'status'>): boolean {
  return run.status === 'completed';
}

/** Newest first. */
export function byCreated(a: Pick<RunRecord, 'created_at'>, b: Pick<RunRecord, 'created_at'>): number {
  return b.created_at.localeCompare(a.created_at);
}
