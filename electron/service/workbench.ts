// The workbench service: the handlers behind every method of the contract. Both routes
// (Electron IPC, browser-mode WebSocket) wrap the same ServiceHost built here.
import path from 'node:path';
import type { AppMode, SampleInfo } from '../contract';
import { RunStore } from '../runs/run-store';
import { exportRun } from '../runs/export-run';
import type { WorkerLauncher } from '../worker/launcher';
import { TextPredictor } from '../predict/text-predictor';
import { ServiceHost } from './host';
import { importDataset, inspectDataset } from './datasets';
import { presetInfos } from './presets';
import { RunManager } from './run-manager';
import { measuredStepTimer } from './step-timer';
import { describeBackend, systemInfo } from './system-info';
import { checkedRunConfig, estimateRun, schedulePreview, trainingDefaults } from './training';
import { distilRunConfig } from './distil';
import { finishedModelDir } from './finished-model';
import { LatencyMeter } from './latency';
import { initNodeBackend } from '../../core/backend/node-backends';

export interface WorkbenchOptions {
  mode: AppMode;
  listSamples: () => Promise<SampleInfo[]>;
  /** The workbench's own folder: runs/ and datasets/ live under it. */
  home: string;
  launchWorker: WorkerLauncher;
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
  const stepTimer = measuredStepTimer(store, async () => (await describeBackend()).name);
  const latency = new LatencyMeter({ store, launch: options.launchWorker, isTraining: async () => (await store.list()).some((run) => run.status === 'running') });


  host = new ServiceHost({
    'system.info': () => systemInfo(options.mode),
    'models.presets': async () => presetInfos(),
    'datasets.samples': () => options.listSamples(),
    'datasets.inspect': (params) => inspectDataset(params),
    'datasets.import': (params) => importDataset(params, datasetsDir),
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
      const predictor = await predictors.get(id, await finishedModelDir(store, id));
      return predictor.predict(inputs);
    },
    'runs.export': ({ id, format, outDir, quantize }) => exportRun(store, id, { format, ...(outDir ? { outDir } : {}), ...(quantize ? { quantize } : {}) }),
    'runs.distil': async (params) => {
      const { config, name } = await distilRunConfig(store, params);
      const run = await runs.create(config, name);
      return params.start ? runs.start(run.id) : run;
    },
    'runs.latency': ({ ids, seqLen }) => latency.measure(ids, seqLen),
  });
  await runs.recover();
  return {
    host,
    runs,
    async close() {
      await runs.shutdown();
      predictors.clear();
    },
  };
}
