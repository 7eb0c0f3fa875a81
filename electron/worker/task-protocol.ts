// Messages between the service and its task workers (task-worker.ts): calls matched to
// their answers by id. An error travels as the sentence the person will read (the
// service's rule: JavaScript's own error classes are labelled internal errors).
import type { BackendInfo, DatasetReport, MethodParams, Prediction, PredictInput } from '../contract';
import type { ExportRunOptions, ExportRunResult } from '../runs/export-run';

export interface WorkerTasks {
  /** datasets.inspect: read, check and describe data files. */
  inspect: { params: MethodParams<'datasets.inspect'>; result: DatasetReport };
  /** The playground: a finished run's model on typed inputs (the model stays loaded for the next call). */
  predict: { params: { runId: string; modelDir: string; inputs: PredictInput[] }; result: Prediction[] };
  /** The run was deleted: unload its model once no prediction uses it. */
  forget: { params: { runId: string }; result: null };
  /** runs.export in any format exportRun knows: the options pass through untouched. */
  export: { params: { runsRoot: string; runId: string; options: ExportRunOptions }; result: ExportRunResult };
  /** The backend the core runs on in a worker (what system.info shows). */
  backend: { params: Record<string, never>; result: BackendInfo };
}

export type TaskName = keyof WorkerTasks;
export type TaskParams<T extends TaskName> = WorkerTasks[T]['params'];
export type TaskResult<T extends TaskName> = WorkerTasks[T]['result'];

export type ServiceToTaskWorker = { type: 'call'; id: number; task: TaskName; params: unknown };

export type TaskWorkerToService = { type: 'result'; id: number; result: unknown } | { type: 'error'; id: number; message: string };
