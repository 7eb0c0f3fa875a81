// What the UI needs to know about distillation, read from run records: which run taught
// which, whether a run can teach, and how a student compares with its teacher.
import type { RunRecord, TrainingDefaults } from '../../../electron/contract';

/** The id of the run that taught this one: the last part of its config's distillation.teacher folder. */
export function teacherIdOf(run: Pick<RunRecord, 'config'>): string | undefined {
  const distillation = run.config.distillation as { teacher?: unknown } | undefined;
  if (typeof distillation?.teacher !== 'string') return undefined;
  return distillation.teacher.split(/[\\/]/).filter(Boolean).pop();
}

/** A completed run of a task whose models can teach. */
export function canTeach(run: Pick<RunRecord, 'status' | 'config'>, defaults: TrainingDefaults | null): boolean {
  return run.status === 'completed' && !!defaults && (defaults.distillation.tasks as unknown[]).includes(run.config.task);
}

export interface DistillationGroup {
  teacher: RunRecord;
  students: RunRecord[];
}

/** The picked teachers with their picked students, in pick order; runs of neither kind are left out. */
export function distillationGroups(runs: readonly RunRecord[]): DistillationGroup[] {
  const groups: DistillationGroup[] = [];
  for (const teacher of runs) {
    const students = runs.filter((run) => teacherIdOf(run) === teacher.id);
    if (students.length > 0) groups.push({ teacher, students });
  }
  return groups;
}

/** How many times faster the student answers (teacher time over student time). */
export function speedUp(teacherMs: number, studentMs: number): number | undefined {
  return teacherMs > 0 && studentMs > 0 ? teacherMs / studentMs : undefined;
}

/** The metric a task's teacher and students are compared by (eval_accuracy, eval_f1). */
export function comparedMetric(run: Pick<RunRecord, 'config'>, defaults: TrainingDefaults | null): string | undefined {
  const task = run.config.task;
  return defaults && typeof task === 'string' && task in defaults.distillation.metrics ? defaults.distillation.metrics[task as keyof TrainingDefaults['distillation']['metrics']] : undefined;
}
