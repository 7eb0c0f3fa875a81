// What a task worker does for the service: everything that loads TensorFlow.js or reads
// large files, so that the service's event loop (in the desktop app: Electron's main
// process, which draws the window) never waits on it. Modules load on first use: a worker
// that only inspects data never loads TensorFlow.js.
import type { BackendInfo } from '../contract';
import type { PredictorCache } from '../predict/predictor-cache';
import type { TextPredictor } from '../predict/text-predictor';
import type { TaskName, TaskParams, TaskResult } from './task-protocol';

async function backendReady() {
  const { initNodeBackend } = await import('../../core/backend/node-backends');
  return initNodeBackend();
}

/** The backend the core runs on in this process, or why none could load. */
async function describeBackend(): Promise<BackendInfo> {
  const { describeChoice } = await import('../../core/backend/select');
  try {
    return describeChoice(await backendReady());
  } catch (error) {
    return { name: null, description: 'no backend', reason: error instanceof Error ? error.message : String(error) };
  }
}

export type TaskHandlers = { [T in TaskName]: (params: TaskParams<T>) => Promise<TaskResult<T>> };

export function taskHandlers(): TaskHandlers {
  let predictors: Promise<PredictorCache<TextPredictor>> | undefined;
  const predictorCache = () => {
    predictors ??= Promise.all([import('../predict/predictor-cache'), import('../predict/text-predictor')]).then(
      ([{ PredictorCache }, { TextPredictor }]) =>
        new PredictorCache(async (modelDir: string) => {
          await backendReady();
          return TextPredictor.load(modelDir);
        }),
    );
    return predictors;
  };
  return {
    inspect: async (params) => (await import('../service/datasets')).inspectDataset(params),
    predict: async ({ runId, modelDir, inputs }) => (await predictorCache()).use(runId, modelDir, (predictor) => predictor.predict(inputs)),
    forget: async ({ runId }) => {
      if (predictors) (await predictors).drop(runId);
      return null;
    },
    export: async ({ runsRoot, runId, options }) => {
      await backendReady();
      const [{ exportRun }, { RunStore }] = await Promise.all([import('../runs/export-run'), import('../runs/run-store')]);
      return exportRun(new RunStore(runsRoot), runId, options);
    },
    backend: () => describeBackend(),
  };
}
