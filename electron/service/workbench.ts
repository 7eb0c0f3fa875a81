// The workbench service: the handlers behind every method of the contract. Both routes
// (Electron IPC, browser-mode WebSocket) wrap the same ServiceHost built here.
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { AppMode, RunRecord, SampleInfo } from '../contract';
import { RunStore } from '../runs/run-store';
import { exportRun } from '../runs/export-run';
import type { WorkerLauncher } from '../worker/launcher';
import { TextPredictor } from '../predict/text-predictor';
import { FINAL_MODEL_DIR } from '../runs/training-job';
import { ServiceError, ServiceHost } from './host';
import { importDataset, inspectDataset } from './datasets';
import { presetInfos } from './presets';
import { RunManager } from './run-manager';
import { measuredStepTimer } from './step-timer';
import { RunsBackend } from './runs-backend';
import { buildNativeBackend, describeBackend, systemInfo } from './system-info';
import { assertRunFits, checkedRunConfig, estimateRun, schedulePreview, trainingDefaults, type EstimateContext } from './training';
import { initNodeBackend } from '../../core/backend/node-backends';

export interface WorkbenchOptions {
  mode: AppMode;
  listSamples: () => Promise<SampleInfo[]>;
  /** The workbench's own folder: runs/ and datasets/ live under it. */
  home: string;
  launchWorker: WorkerLauncher;
  /** Probe the backend runs get as the service starts (the app does; tests leave it to the first estimate). */
  probeOnStart?: boolean;
}

export interface Workbench {
  host: ServiceHost;
  runs: RunManager;
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
  let host: ServiceHost | undefined;
  const runs = new RunManager({
    store,
    launch: options.launchWorker,
    emit: (event) => host?.emit(event),
    parseConfig: checkedRunConfig,
  });
  const serviceBackend = async () => (await describeBackend()).name;
  const runsBackend = new RunsBackend({ home: options.home, launchWorker: options.launchWorker, isTraining: () => runs.activeWorkerPid !== undefined });
  const estimates: EstimateContext = { runsBackend, measuredStepSeconds: measuredStepTimer(store, async () => (await runsBackend.current())?.backend.name ?? (await serviceBackend())), serviceBackend };
  /** Refuses before queueing what cannot fit the backend runs train on (the worker checks again). */
  const startChecked = async (id: string, start: (id: string) => Promise<RunRecord>) => {
    await assertRunFits((await store.get(id)).config, estimates);
    return start(id);
  };

  const finishedModelDir = async (id: string): Promise<string> => {
    const run = await store.get(id);
    const dir = path.join(store.dir(id), FINAL_MODEL_DIR);
    if (run.status !== 'completed' || !existsSync(dir)) throw new ServiceError(`run "${run.name}" has no final model yet (it is ${run.status})`);
    return dir;
  };

  host = new ServiceHost({
    'system.info': () => systemInfo(options.mode, runsBackend),
    'system.buildNativeBackend': () => buildNativeBackend(options.mode, runsBackend),
    'models.presets': async () => presetInfos(),
    'datasets.samples': () => options.listSamples(),
    'datasets.inspect': (params) => inspectDataset(params),
    'datasets.import': (params) => importDataset(params, datasetsDir),
    'training.defaults': async () => trainingDefaults(),
    'training.schedule': async ({ config, numExamples }) => schedulePreview(config, numExamples),
    'training.estimate': ({ config, numExamples, lengthHistogram }) => estimateRun(config, numExamples, lengthHistogram, estimates),
    'runs.list': () => store.list(),
    'runs.get': ({ id }) => store.get(id),
    'runs.create': async ({ config, name, start }) => {
      const run = await runs.create(config, name);
      return start ? startChecked(run.id, (id) => runs.start(id)) : run;
    },
    'runs.start': ({ id }) => startChecked(id, (runId) => runs.start(runId)),
    'runs.cancel': ({ id }) => runs.cancel(id),
    'runs.resume': ({ id }) => startChecked(id, (runId) => runs.resume(runId)),
    'runs.duplicate': async ({ id, changes, name, start }) => {
      const run = await runs.duplicate(id, changes, name);
      return start ? startChecked(run.id, (runId) => runs.start(runId)) : run;
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
    'runs.export': ({ id, format, outDir, quantize }) => exportRun(store, id, { format, ...(outDir ? { outDir } : {}), ...(quantize ? { quantize } : {}) }),
  });
  await runs.recover();
  // The backend runs get, probed once in a worker (and built on first use there), so the
  // Overview and the first estimate have it; later calls find it cached.
  if (options.probeOnStart) void runsBackend.probe();
  return {
    host,
    runs,
    async close() {
      await runs.shutdown();
      predictors.clear();
    },
  };
}
