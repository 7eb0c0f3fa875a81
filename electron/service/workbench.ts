// The workbench service: the handlers behind every method of the contract. Both routes
// (Electron IPC, browser-mode WebSocket) wrap the same ServiceHost built here.
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { AppMode, BackendInfo, SampleInfo } from '../contract';
import { FINAL_MODEL_DIR, RunStore } from '../runs/run-store';
import type { WorkerLauncher } from '../worker/launcher';
import { ServiceError, ServiceHost } from './host';
import { importDataset } from './datasets';
import { presetInfos } from './presets';
import { RunManager } from './run-manager';
import { measuredStepTimer } from './step-timer';
import { systemInfo } from './system-info';
import { TaskWorkers, type TaskLane } from './task-workers';
import { checkedRunConfig, estimateRun, schedulePreview, trainingDefaults } from './training';
import { preparePrivateHome } from '../private-home';

export interface WorkbenchOptions {
  mode: AppMode;
  listSamples: () => Promise<SampleInfo[]>;
  /** The workbench's own folder: runs/ and datasets/ live under it. */
  home: string;
  /** Starts worker processes: training runs, and the task workers (models, exports, data). */
  launchWorker: WorkerLauncher;
  /** How long idle task workers stay (tests shorten it). */
  taskIdleMs?: Partial<Record<TaskLane, number>>;
}

export interface Workbench {
  host: ServiceHost;
  runs: RunManager;
  /** The processes that run models, exports and data inspection for the service. */
  tasks: TaskWorkers;
  /** Ends the training worker (its run becomes interrupted) and the task workers. */
  close(): Promise<void>;
}

export async function createWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  await preparePrivateHome(options.home);
  const store = new RunStore(path.join(options.home, 'runs'));
  const datasetsDir = path.join(options.home, 'datasets');
  const tasks = new TaskWorkers(options.launchWorker, options.taskIdleMs);
  let host: ServiceHost | undefined;
  const runs = new RunManager({
    store,
    launch: options.launchWorker,
    emit: (event) => host?.emit(event),
    parseConfig: checkedRunConfig,
  });
  // The backend is chosen once per process; every worker chooses the same on this machine.
  let backend: Promise<BackendInfo> | undefined;
  const backendInfo = (): Promise<BackendInfo> => {
    backend ??= tasks.call('backend', {}).catch((error: unknown) => {
      backend = undefined; // a worker that died is asked again next time
      throw error;
    });
    return backend;
  };
  const stepTimer = measuredStepTimer(store, async () => (await backendInfo()).name);

  const finishedModelDir = async (id: string): Promise<string> => {
    const run = await runs.get(id);
    const dir = path.join(store.dir(id), FINAL_MODEL_DIR);
    if (run.status !== 'completed' || !existsSync(dir)) throw new ServiceError(`run "${run.name}" has no final model yet (it is ${run.status})`);
    return dir;
  };

  host = new ServiceHost({
    'system.info': async () => systemInfo(options.mode, await backendInfo()),
    'models.presets': async () => presetInfos(),
    'datasets.samples': () => options.listSamples(),
    'datasets.inspect': (params) => tasks.call('inspect', params),
    'datasets.import': (params) => importDataset(params, datasetsDir),
    'training.defaults': async () => trainingDefaults(),
    'training.schedule': async ({ config, numExamples }) => schedulePreview(config, numExamples),
    'training.estimate': ({ config, numExamples }) => estimateRun(config, numExamples, stepTimer),
    'runs.list': () => runs.list(),
    'runs.get': ({ id }) => runs.read(id),
    'runs.create': async ({ config, name, start }) => {
      const run = await runs.create(config, name);
      return start ? runs.start(run.id) : run;
    },
    'runs.start': ({ id }) => runs.start(id),
    'runs.cancel': ({ id }) => runs.cancel(id),
    'runs.resume': ({ id }) => runs.resume(id),
    'runs.duplicate': async ({ id, changes, name, start }) => {
      const run = await runs.duplicate(id, changes, name);
      return start ? runs.start(run.id) : run;
    },
    'runs.delete': async ({ id }) => {
      await runs.delete(id);
      await tasks.forget(id);
      return { deleted: id };
    },
    'runs.metrics': ({ id, sinceStep }) => store.readMetrics(id, sinceStep),
    'runs.logs': ({ id }) => runs.logs(id),
    'runs.predict': async ({ id, inputs }) => tasks.call('predict', { runId: id, modelDir: await finishedModelDir(id), inputs }),
    // Every format goes through exportRun in a worker: a new format needs no change here.
    'runs.export': ({ id, ...options }) => tasks.call('export', { runsRoot: store.root, runId: id, options }),
  });
  await runs.recover();
  return {
    host,
    runs,
    tasks,
    async close() {
      await Promise.all([runs.shutdown(), tasks.close()]);
    },
  };
}
