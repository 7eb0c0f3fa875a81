import { describe, expect, it } from 'vitest';
import { byCreated, canCancel, canResume, resumeHint, runModel, runTask } from './run-info';

describe('run info', () => {
  it('reads task and model from the config', () => {
    expect(runTask({ config: { task: 'ner' } })).toBe('ner');
    expect(runModel({ config: { model: { preset: 'bert-tiny' } } })).toBe('bert-tiny');
    expect(runModel({ config: { model: { checkpoint: '/models/bert-base-uncased/' } } })).toBe('bert-base-uncased');
    expect(runModel({ config: {} })).toBe('—');
  });

  it('offers resume only with a checkpoint, cancel only while running or queued', () => {
    // Every stopped run resumes: from its checkpoint, or from the start when it stopped before one.
    expect(canResume({ status: 'interrupted' })).toBe(true);
    expect(canResume({ status: 'cancelled' })).toBe(true);
    expect(canResume({ status: 'completed' })).toBe(false);
    expect(resumeHint({ last_checkpoint: { step: 4, path: 'checkpoints/step-4' } })).toContain('step 4');
    expect(resumeHint({})).toContain('from the beginning');
    expect(canCancel({ status: 'running' })).toBe(true);
    expect(canCancel({ status: 'completed' })).toBe(false);
  });

  it('sorts newest first', () => {
    const runs = [{ created_at: '2025-01-01T00:00:00Z' }, { created_at: '2025-02-01T00:00:00Z' }];
    expect(runs.sort(byCreated)[0]!.created_at).toBe('2025-02-01T00:00:00Z');
  });
});
