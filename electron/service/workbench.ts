// The workbench service: the handlers behind every method of the contract. Both routes
// (Electron IPC, browser-mode WebSocket) wrap the same ServiceHost built here. Whatever
// loads TensorFlow.js or reads large files runs in task workers (task-workers.ts), so
// this process — Electron's main process in the desktop app — never waits on it.
import path from 'node:path';
import type { AppMode, BackendInfo, SampleInfo } from '../contract';
import { RunStore } from '../runs/run-store';
import { ExportFolders } from '../runs/export-folders';
import type { WorkerLauncher } from '../worker/launcher';
import { readEvaluation } from '../runs/evaluation-files';
import { ServiceError, ServiceHost } from './host';
import { DatasetLibrary, datasetLibraryHandlers } from './dataset-library';
import { presetInfos } from './presets';
import { ModelsService } from './models';
import { RunManager } from './run-manager';
import { measuredStepTimer } from './step-timer';
import { RunsBackend } from './runs-backend';
import { monitorWorker, readSystemSamples } from './system-monitor';
import { TestEvaluations } from './test-evaluations';
import { buildNativeBackend, systemInfo, type BackendSources } from './system-info';
import { TaskWorkers, type TaskLane } from './task-workers';
import { assertRunFits, checkedRunConfig, estimateRun, schedulePreview, trainingDefaults, type EstimateContext } from './training';
import { distilRunConfig } from './distil';
import { finishedModelDir as finishedModelIn } from './finished-model';
import { LatencyMeter } from './latency';
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
  /** Shows a folder in the system's file manager (Electron's shell.showItemInFolder); absent in browser mode. */
  revealInFolder?: (folder: string) => void | Promise<void>;
  /** Probe the backend runs get as the service starts (the app does; tests leave it to the first estimate). */
  probeOnStart?: boolean;
  /** How often the system panel samples while a run trains (default 2 s; tests sample faster). */
  systemSampleIntervalMs?: number;
}

export interface Workbench {
  host: ServiceHost;
  runs: RunManager;
  /** The processes that run models, exports and data inspection for the service. */
  tasks: TaskWorkers;
  /** The export folders clients may open or download (browser mode's zip route asks it). */
  exports: ExportFolders;
  /** Ends the training worker (its run becomes interrupted), the task workers and downloads. */
  close(): Promise<void>;
}

export async function createWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  await preparePrivateHome(options.home);
  const store = new RunStore(path.join(options.home, 'runs'));
  const datasetsDir = path.join(options.home, 'datasets');
  const tasks = new TaskWorkers(options.launchWorker, options.taskIdleMs);
  const exports = new ExportFolders(store);
  let host: ServiceHost | undefined;
  const runs = new RunManager({
    store,
    launch: options.launchWorker,
    emit: (event) => host?.emit(event),
    parseConfig: checkedRunConfig,
    // The worker checks again before the first step, on the backend it actually got.
    checkFits: (config) => assertRunFits(config, estimates),
    monitor: (runId, pid) =>
      monitorWorker(runId, pid, {
        runDir: (id) => store.dir(id),
        emit: (id, sample) => host?.emit({ type: 'run.system', runId: id, sample }),
        ...(options.systemSampleIntervalMs ? { intervalMs: options.systemSampleIntervalMs } : {}),
      }),
  });
  const tests = new TestEvaluations(options.launchWorker, store.root);
  const models = new ModelsService((event) => host?.emit(event));
  // The backend a task worker chooses, once per process: every worker chooses the same on this machine.
  let backend: Promise<BackendInfo> | undefined;
  const workerBackend = (): Promise<BackendInfo> => {
    backend ??= tasks.call('backend', {}).catch((error: unknown) => {
      backend = undefined; // a worker that died is asked again next time
      throw error;
    });
    return backend;
  };
  const runsBackend = new RunsBackend({ home: options.home, launchWorker: options.launchWorker, isTraining: () => runs.activeWorkerPid !== undefined });
  const backendSources: BackendSources = { runsBackend, workerBackend };
  const serviceBackend = async () => (await workerBackend()).name;
  const estimates: EstimateContext = { runsBackend, measuredStepSeconds: measuredStepTimer(store, async () => (await runsBackend.current())?.backend.name ?? (await serviceBackend())), serviceBackend };

  const finishedModelDir = (id: string): Promise<string> => finishedModelIn(store, id);
  const latency = new LatencyMeter({ store, launch: options.launchWorker, isTraining: async () => (await runs.list()).some((run) => run.status === 'running') });

  host = new ServiceHost({
    'system.info': () => systemInfo(options.mode, backendSources),
    'system.buildNativeBackend': () => buildNativeBackend(options.mode, backendSources),
    'models.presets': async () => presetInfos(),
    'models.catalogue': async () => models.catalogue(),
    'models.cached': () => models.cached(),
    'models.download': async (params) => models.download(params),
    'models.cancelDownload': async (params) => models.cancelDownload(params),
    'models.downloads': async () => models.downloads.list(),
    'models.hubSettings': async () => models.settings(),
    'models.setHubSettings': async (params) => models.setSettings(params),
    'models.describe': (params) => models.describe(params),
    'datasets.samples': () => options.listSamples(),
    // The worker inherits this process's HF_* variables, so it reads the same Hugging Face cache.
    'datasets.inspect': (params) => tasks.call('inspect', params),
    ...datasetLibraryHandlers(new DatasetLibrary(datasetsDir)),
    'training.defaults': async () => trainingDefaults(),
    'training.schedule': async ({ config, numExamples }) => schedulePreview(config, numExamples),
    'training.estimate': ({ config, numExamples, lengthHistogram }) => estimateRun(config, numExamples, lengthHistogram, estimates),
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
    'runs.modelSource': async ({ id }) => ({ checkpoint: await finishedModelDir(id) }),
    // Every format goes through exportRun in a worker: a new format needs no change here.
    'runs.export': async ({ id, ...options }) => {
      const result = await tasks.call('export', { runsRoot: store.root, runId: id, options });
      exports.remember(id, result.path);
      return result;
    },
    'runs.revealExport': async ({ id, path: folder }) => {
      const dir = await exports.resolve(id, folder);
      if (!options.revealInFolder) throw new ServiceError('showing a folder needs the desktop app; in the browser, download the export as a zip');
      await options.revealInFolder(dir);
      return { path: dir };
    },
    'runs.update': ({ id, name, tags, notes }) => runs.update(id, { ...(name !== undefined ? { name } : {}), ...(tags !== undefined ? { tags: [...new Set(tags)] } : {}), ...(notes !== undefined ? { notes } : {}) }),
    'runs.evaluation': async ({ id, kind }) => {
      await runs.get(id); // a run that does not exist is an error, not "no evaluation yet"
      return readEvaluation(store.dir(id), kind);
    },
    'runs.evaluateFile': async ({ id, file }) => {
      await finishedModelDir(id);
      const evaluation = await tests.evaluate(id, file);
      host?.emit({ type: 'run.evaluation', runId: id, kind: 'test' });
      return evaluation;
    },
    'runs.system': async ({ id }) => {
      await runs.get(id);
      return readSystemSamples(store.dir(id));
    },
    'runs.distil': async (params) => {
      const { config, name } = await distilRunConfig(store, params);
      const run = await runs.create(config, name);
      return params.start ? runs.start(run.id) : run;
    },
    'runs.latency': ({ ids, seqLen }) => latency.measure(ids, seqLen),
  });
  await runs.recover();
  // The backend runs get, probed once in a worker (and built on first use there), so the
  // Overview and the first estimate have it; later calls find it cached.
  if (options.probeOnStart) void runsBackend.probe();
  return {
    host,
    runs,
    tasks,
    exports,
    async close() {
      tests.close();
      await Promise.all([runs.shutdown(), tasks.close(), models.close()]);
    },
  };
}
