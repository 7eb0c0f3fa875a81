// The workbench service: the handlers behind every method of the contract. Both routes
// (Electron IPC, browser-mode WebSocket) wrap the same ServiceHost built here.
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { AppMode, SampleInfo } from '../contract';
import { RunStore } from '../runs/run-store';
import { exportRun } from '../runs/export-run';
import { ExportFolders } from '../runs/export-folders';
import type { WorkerLauncher } from '../worker/launcher';
import { TextPredictor } from '../predict/text-predictor';
import { FINAL_MODEL_DIR } from '../runs/training-job';
import { ServiceError, ServiceHost } from './host';
import { inspectDataset } from './datasets';
import { DatasetLibrary, datasetLibraryHandlers } from './dataset-library';
import { presetInfos } from './presets';
import { ModelsService } from './models';
import { RunManager } from './run-manager';
import { measuredStepTimer } from './step-timer';
import { describeBackend, systemInfo } from './system-info';
import { checkedRunConfig, estimateRun, schedulePreview, trainingDefaults } from './training';
import { initNodeBackend } from '../../core/backend/node-backends';

export interface WorkbenchOptions {
  mode: AppMode;
  listSamples: () => Promise<SampleInfo[]>;
  /** The workbench's own folder: runs/ and datasets/ live under it. */
  home: string;
  launchWorker: WorkerLauncher;
  /** Shows a folder in the system's file manager (Electron's shell.showItemInFolder); absent in browser mode. */
  revealInFolder?: (folder: string) => void | Promise<void>;
}

export interface Workbench {
  host: ServiceHost;
  runs: RunManager;
  /** The export folders clients may open or download (browser mode's zip route asks it). */
  exports: ExportFolders;
  /** Ends the training worker (its run becomes interrupted) and frees loaded models. */
  close(): Promise<void>;
}

/** Models loaded for the playground, one per run; the latest few stay loaded. */
class PredictorCache {
  private readonly loaded = new Map<string, Promise<TextPredictor>>();
  constructor(private readonly capacity = 2) {}

  get(runId: string, modelDir: string): Promise<TextPredictor> {
    let predictor = this.loaded.get(runId);
    if (predictor) {
      this.loaded.delete(runId);
    } else {
      predictor = initNodeBackend().then(() => TextPredictor.load(modelDir));
      predictor.catch(() => this.loaded.delete(runId));
    }
    this.loaded.set(runId, predictor);
    while (this.loaded.size > this.capacity) {
      const [oldest, evicted] = this.loaded.entries().next().value as [string, Promise<TextPredictor>];
      this.loaded.delete(oldest);
      void evicted.then((p) => p.dispose(), () => {});
    }
    return predictor;
  }

  drop(runId: string): void {
    const predictor = this.loaded.get(runId);
    this.loaded.delete(runId);
    void predictor?.then((p) => p.dispose(), () => {});
  }

  clear(): void {
    for (const runId of [...this.loaded.keys()]) this.drop(runId);
  }
}

export async function createWorkbench(options: WorkbenchOptions): Promise<Workbench> {
  const store = new RunStore(path.join(options.home, 'runs'));
  const datasetsDir = path.join(options.home, 'datasets');
  const predictors = new PredictorCache();
  const exports = new ExportFolders(store);
  let host: ServiceHost | undefined;
  const runs = new RunManager({
    store,
    launch: options.launchWorker,
    emit: (event) => host?.emit(event),
    parseConfig: checkedRunConfig,
  });
  const models = new ModelsService((event) => host?.emit(event));
  const stepTimer = measuredStepTimer(store, async () => (await describeBackend()).name);

  const finishedModelDir = async (id: string): Promise<string> => {
    const run = await store.get(id);
    const dir = path.join(store.dir(id), FINAL_MODEL_DIR);
    if (run.status !== 'completed' || !existsSync(dir)) throw new ServiceError(`run "${run.name}" has no final model yet (it is ${run.status})`);
    return dir;
  };

  host = new ServiceHost({
    'system.info': () => systemInfo(options.mode),
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
    'datasets.inspect': (params) => inspectDataset(params, models.hub.cacheEnv),
    ...datasetLibraryHandlers(new DatasetLibrary(datasetsDir)),
    'training.defaults': async () => trainingDefaults(),
    'training.schedule': async ({ config, numExamples }) => schedulePreview(config, numExamples),
    'training.estimate': ({ config, numExamples }) => estimateRun(config, numExamples, stepTimer),
    'runs.list': () => store.list(),
    'runs.get': ({ id }) => store.get(id),
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
      predictors.drop(id);
      await runs.delete(id);
      return { deleted: id };
    },
    'runs.metrics': ({ id, sinceStep }) => store.readMetrics(id, sinceStep),
    'runs.logs': ({ id }) => store.readLogs(id),
    'runs.predict': async ({ id, inputs }) => {
      const predictor = await predictors.get(id, await finishedModelDir(id));
      return predictor.predict(inputs);
    },
    'runs.modelSource': async ({ id }) => ({ checkpoint: await finishedModelDir(id) }),
    'runs.export': async ({ id, format, outDir, quantize }) => {
      const result = await exportRun(store, id, { format, ...(outDir ? { outDir } : {}), ...(quantize ? { quantize } : {}) });
      exports.remember(id, result.path);
      return result;
    },
    'runs.revealExport': async ({ id, path: folder }) => {
      const dir = await exports.resolve(id, folder);
      if (!options.revealInFolder) throw new ServiceError('showing a folder needs the desktop app; in the browser, download the export as a zip');
      await options.revealInFolder(dir);
      return { path: dir };
    },
  });
  await runs.recover();
  return {
    host,
    runs,
    exports,
    async close() {
      await runs.shutdown();
      await models.close();
      predictors.clear();
    },
  };
}
