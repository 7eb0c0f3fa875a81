// runs.distil: the config of a new run in which a finished run (the teacher) teaches a
// student on the teacher's own data and settings, with the changes asked for. The core's
// parser checks the result field by field when the run is created (RunManager.create).
import { DISTILLATION_DEFAULTS, DISTILLATION_HINTS, DISTILLATION_METRICS, DISTILLATION_TASKS, UNLABELLED_TEXT_TASKS } from '../../core/train/distillation-config';
import type { DistillationDefaults, DistilStudent, MethodParams, RunRecord } from '../contract';
import type { RunStore } from '../runs/run-store';
import { finishedModelDir } from './finished-model';
import { ServiceError } from './host';

export function distillationDefaults(): DistillationDefaults {
  return { settings: { ...DISTILLATION_DEFAULTS }, hints: { ...DISTILLATION_HINTS }, tasks: [...DISTILLATION_TASKS], unlabelledTasks: [...UNLABELLED_TEXT_TASKS], metrics: { ...DISTILLATION_METRICS } };
}

export interface DistilRun {
  config: Record<string, unknown>;
  name: string;
}

export async function distilRunConfig(store: RunStore, params: MethodParams<'runs.distil'>): Promise<DistilRun> {
  const teacher = await store.get(params.id);
  await finishedModelDir(store, params.id);
  const task = teacher.config.task;
  if (!(DISTILLATION_TASKS as readonly unknown[]).includes(task)) throw new ServiceError(`run "${teacher.name}" is a ${String(task)} run; distillation teaches ${DISTILLATION_TASKS.join(', ')} models`);
  const { model, label } = await studentModel(store, params.student);
  // The teacher's own run folder, its output_dir and its name are its own, not the student's.
  const { output_dir: _dir, name: _name, distillation: _teacherOwn, ...inherited } = teacher.config;
  const training = { ...((inherited.training ?? {}) as Record<string, unknown>), ...(params.training ?? {}) };
  const distillation: Record<string, unknown> = { teacher: store.dir(teacher.id) };
  if (params.temperature !== undefined) distillation.temperature = params.temperature;
  if (params.alpha !== undefined) distillation.alpha = params.alpha;
  if (params.unlabelled !== undefined) distillation.unlabelled = params.unlabelled;
  return { config: { ...inherited, model, training, distillation }, name: params.name ?? `${label} ← ${teacher.name}` };
}

async function studentModel(store: RunStore, student: DistilStudent): Promise<{ model: Record<string, unknown>; label: string }> {
  if ('run' in student && typeof student.run === 'string') {
    const run: RunRecord = await store.get(student.run);
    return { model: { checkpoint: await finishedModelDir(store, student.run) }, label: run.name };
  }
  const label = Object.values(student).find((value): value is string => typeof value === 'string');
  return { model: student, label: label ? (label.split(/[\\/]/).filter(Boolean).at(-1) ?? label) : 'student' };
}
