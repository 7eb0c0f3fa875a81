// A run's evaluations (the latest and best on the validation set, and the test file) and
// its system samples: loaded when a run view asks, kept fresh by run.evaluation and
// run.system events, and "Evaluate on a test file" as an action.
import type { StateCreator } from 'zustand';
import type { EvaluationKind, RunEvaluation, ServiceEvent, SystemSample } from '../../../electron/contract';
import { bytesToBase64 } from '../lib/base64';
import { errorMessage } from '../lib/errors';
import type { WorkbenchState } from './index';

export interface EvaluationState {
  status: 'loading' | 'ready' | 'error';
  /** null: the run has no such evaluation yet. */
  evaluation?: RunEvaluation | null;
  error?: string;
}

export interface TestRunState {
  status: 'running' | 'error';
  file: string;
  error?: string;
}

/** Samples kept per run: about an hour at one every 2 s. */
const MAX_SAMPLES = 2000;

export interface EvaluationsSlice {
  evaluations: Record<string, EvaluationState>;
  testRuns: Record<string, TestRunState>;
  systemSamples: Record<string, SystemSample[]>;
  loadEvaluation(runId: string, kind: EvaluationKind): Promise<void>;
  evaluateFile(runId: string, file: string): Promise<void>;
  /** A file from the person's computer, copied to the service (datasets.import) so that a run can read it; its path there. */
  uploadTestFile(runId: string, file: File): Promise<string | null>;
  loadSystemSamples(runId: string): Promise<void>;
  handleEvaluationEvent(event: Extract<ServiceEvent, { type: 'run.evaluation' | 'run.system' }>): void;
}

export function evaluationKey(runId: string, kind: EvaluationKind): string {
  return `${runId}/${kind}`;
}

export const createEvaluationsSlice: StateCreator<WorkbenchState, [], [], EvaluationsSlice> = (set, get) => {
  const put = (key: string, state: EvaluationState) => set((s) => ({ evaluations: { ...s.evaluations, [key]: state } }));
  return {
    evaluations: {},
    testRuns: {},
    systemSamples: {},
    async loadEvaluation(runId, kind) {
      const client = get().client;
      if (!client) return;
      const key = evaluationKey(runId, kind);
      const shown = get().evaluations[key];
      // A reload keeps what is shown until the new one arrives.
      if (!shown || shown.status === 'error') put(key, { status: 'loading' });
      try {
        put(key, { status: 'ready', evaluation: await client.call('runs.evaluation', { id: runId, kind }) });
      } catch (error) {
        put(key, { status: 'error', error: errorMessage(error, 'Could not load the evaluation') });
      }
    },
    async evaluateFile(runId, file) {
      const client = get().client;
      if (!client) return;
      set((s) => ({ testRuns: { ...s.testRuns, [runId]: { status: 'running', file } } }));
      try {
        const evaluation = await client.call('runs.evaluateFile', { id: runId, file });
        put(evaluationKey(runId, 'test'), { status: 'ready', evaluation });
        set((s) => {
          const { [runId]: _done, ...rest } = s.testRuns;
          return { testRuns: rest };
        });
      } catch (error) {
        set((s) => ({ testRuns: { ...s.testRuns, [runId]: { status: 'error', file, error: errorMessage(error, 'Could not evaluate the file') } } }));
      }
    },
    async uploadTestFile(runId, file) {
      const client = get().client;
      if (!client) return null;
      try {
        const contentBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
        return (await client.call('datasets.import', { name: file.name, contentBase64 })).path;
      } catch (error) {
        set((s) => ({ testRuns: { ...s.testRuns, [runId]: { status: 'error', file: file.name, error: errorMessage(error, `Could not upload ${file.name}`) } } }));
        return null;
      }
    },
    async loadSystemSamples(runId) {
      const client = get().client;
      if (!client) return;
      try {
        const history = await client.call('runs.system', { id: runId });
        // Live samples that arrived meanwhile come after the history.
        set((s) => {
          const last = history.at(-1)?.time ?? '';
          const live = (s.systemSamples[runId] ?? []).filter((sample) => sample.time > last);
          return { systemSamples: { ...s.systemSamples, [runId]: [...history, ...live].slice(-MAX_SAMPLES) } };
        });
      } catch {
        // The panel shows what arrives live; a missing history is not worth an alert.
      }
    },
    handleEvaluationEvent(event) {
      if (event.type === 'run.system') {
        set((s) => ({ systemSamples: { ...s.systemSamples, [event.runId]: [...(s.systemSamples[event.runId] ?? []), event.sample].slice(-MAX_SAMPLES) } }));
        return;
      }
      // Reload only what someone has looked at.
      if (get().evaluations[evaluationKey(event.runId, event.kind)]) void get().loadEvaluation(event.runId, event.kind);
    },
  };
};
