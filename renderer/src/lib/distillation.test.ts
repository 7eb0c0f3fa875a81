import { describe, expect, it } from 'vitest';
import type { RunRecord, TrainingDefaults } from '../../../electron/contract';
import { canTeach, comparedMetric, distillationGroups, speedUp, teacherIdOf } from './distillation';

const run = (id: string, config: Record<string, unknown> = {}, status: RunRecord['status'] = 'completed'): RunRecord => ({ id, name: id, status, config: { task: 'classification', ...config }, created_at: '' });
const defaults = { distillation: { tasks: ['classification', 'ner', 'qa'], metrics: { classification: 'eval_accuracy', ner: 'eval_f1', qa: 'eval_f1' } } } as unknown as TrainingDefaults;

describe('distillation in the UI', () => {
  it('finds the teacher of a student from its config', () => {
    expect(teacherIdOf(run('s', { distillation: { teacher: '/home/me/runs/20260101-teacher-ab12' } }))).toBe('20260101-teacher-ab12');
    expect(teacherIdOf(run('s', { distillation: { teacher: 'C:\\runs\\t1\\' } }))).toBe('t1');
    expect(teacherIdOf(run('plain'))).toBeUndefined();
  });

  it('groups picked teachers with their picked students', () => {
    const teacher = run('t');
    const a = run('a', { distillation: { teacher: '/runs/t' } });
    const b = run('b', { distillation: { teacher: '/runs/t' } });
    const orphan = run('c', { distillation: { teacher: '/runs/gone' } });
    expect(distillationGroups([a, teacher, orphan, b])).toEqual([{ teacher, students: [a, b] }]);
    expect(distillationGroups([a, orphan])).toEqual([]);
  });

  it('says which runs can teach, by what metric, and the speed-up', () => {
    expect(canTeach(run('t'), defaults)).toBe(true);
    expect(canTeach(run('t', {}, 'running'), defaults)).toBe(false);
    expect(canTeach(run('t', { task: 'mlm' }), defaults)).toBe(false);
    expect(canTeach(run('t'), null)).toBe(false);
    expect(comparedMetric(run('n', { task: 'ner' }), defaults)).toBe('eval_f1');
    expect(speedUp(30, 10)).toBe(3);
    expect(speedUp(30, 0)).toBeUndefined();
  });
});
