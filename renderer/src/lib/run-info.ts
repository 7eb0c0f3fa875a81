// What a run is, read from its record: task, model, and which actions make sense now.
import type { RunRecord, RunStatus } from '../../../electron/contract';

export function runTask(run: Pick<RunRecord, 'config'>): string {
  return typeof run.config.task === 'string' ? run.config.task : '—';
}

export function runModel(run: Pick<RunRecord, 'config'>): string {
  const model = (run.config.model ?? {}) as { preset?: unknown; checkpoint?: unknown };
  if (typeof model.preset === 'string') return model.preset;
  if (typeof model.checkpoint === 'string') return model.checkpoint.split(/[\\/]/).filter(Boolean).pop() ?? model.checkpoint;
  return '—';
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
