// The workbench service: the handlers behind every method of the contract. Both routes
// (Electron IPC, browser-mode WebSocket) wrap the same ServiceHost built here.
import path from 'node:path';
import { existsSync } from 'node:fs';
import type { AppMode, SampleInfo } from '../contract';
import { RunStore } from '../runs/run-store';
import { exportRun } from '../runs/export-run';
import type { WorkerLauncher } from '../worker/launcher';
import { TextPredictor } from '../predict/text-predictor';
import { FINAL_MODEL_DIR } from '../runs/training-job';
import { readEvaluation } from '../runs/evaluation-files';
import { ServiceError, ServiceHost } from './host';
import { importDataset, inspectDataset } from './datasets';
import { presetInfos } from './presets';
import { RunManager } from './run-manager';
import { measuredStepTimer } from './step-timer';
import { monitorWorker, readSystemSamples } from './system-monitor';
import { TestEvaluations } from './test-evaluations';
import { describeBackend, systemInfo } from './system-info';
import { checkedRunConfig, estimateRun, schedulePreview, trainingDefaults } from './training';
import { initNodeBackend } from '../../core/backend/node-backends';

export interface WorkbenchOptions {
  mode: AppMode;
  listSamples: () => Promise<SampleInfo[]>;
  /** The workbench's own folder: runs/ and datasets/ live under it. */
  home: string;
  launchWorker: WorkerLauncher;
  /** How often the system panel samples while a run trains (default 2 s; tests sample faster). */
  systemSampleIntervalMs?: number;
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
    monitor: (runId, pid) =>
      monitorWorker(runId, pid, {
        runDir: (id) => store.dir(id),
        emit: (id, sample) => host?.emit({ type: 'run.system', runId: id, sample }),
        ...(options.systemSampleIntervalMs ? { intervalMs: options.systemSampleIntervalMs } : {}),
      }),
  });
  const tests = new TestEvaluations(options.launchWorker, store.root);
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
    'datasets.samples': () => options.listSamples(),
    'datasets.inspect': (params) => inspectDataset(params),
    'datasets.import': (params) => importDataset(params, datasetsDir),
    'training.defaults': async () => trainingDefaults(),
    'training.schedule': async ({ config, numExamples }) => schedulePreview(config, numExamples),
    'training.estimate': ({ config, numExamples }) => estimateRun(config, numExamples, stepTimer),
    'runs.list': async () => (await store.list()).map((run) => runs.withQueuePosition(run)),
    'runs.get': async ({ id }) => runs.withQueuePosition(await store.get(id)),
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
    'runs.export': ({ id, format, outDir, quantize }) => exportRun(store, id, { format, ...(outDir ? { outDir } : {}), ...(quantize ? { quantize } : {}) }),
    'runs.update': ({ id, name, tags, notes }) => runs.update(id, { ...(name !== undefined ? { name } : {}), ...(tags !== undefined ? { tags: [...new Set(tags)] } : {}), ...(notes !== undefined ? { notes } : {}) }),
    'runs.evaluation': async ({ id, kind }) => {
      await store.get(id); // a run that does not exist is an error, not "no evaluation yet"
      return readEvaluation(store.dir(id), kind);
    },
    'runs.evaluateFile': async ({ id, file }) => {
      await finishedModelDir(id);
      const evaluation = await tests.evaluate(id, file);
      host?.emit({ type: 'run.evaluation', runId: id, kind: 'test' });
      return evaluation;
    },
    'runs.system': async ({ id }) => {
      await store.get(id);
      return readSystemSamples(store.dir(id));
    },
  });
  await runs.recover();
  return {
    host,
    runs,
    async close() {
      tests.close();
      await runs.shutdown();
      predictors.clear();
    },
  };
}
