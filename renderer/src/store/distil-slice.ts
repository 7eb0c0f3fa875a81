// Distillation: starting a student run from a finished teacher, and the latency
// measurements Compare asks the service for (kept per set of runs, so the figures stay
// while the page is open).
import type { StateCreator } from 'zustand';
import type { DistilStudent, LatencyReport, RunRecord } from '../../../electron/contract';
import { bytesToBase64 } from '../lib/base64';
import { errorMessage } from '../lib/errors';
import type { WorkbenchState } from './index';

export interface DistilRequest {
  student: DistilStudent;
  temperature: number;
  alpha: number;
  /** Training settings that differ from the teacher's. */
  training: Record<string, unknown>;
  unlabelled?: string;
}

export type LatencyState = { status: 'measuring' } | { status: 'done'; report: LatencyReport } | { status: 'error'; error: string };

export interface DistilSlice {
  distilling: boolean;
  distilError: string | null;
  latency: Record<string, LatencyState>;
  /** Creates and starts the student run; undefined (with distilError set) when the service refused. */
  distilRun(teacherId: string, request: DistilRequest): Promise<RunRecord | undefined>;
  measureLatency(ids: readonly string[], seqLen: number): Promise<void>;
  /** Copies a text file into the workbench (datasets.import) and gives the path a run config takes. */
  importUnlabelled(file: File): Promise<string | undefined>;
}

/** The key of a measurement of these runs. */
export function latencyKey(ids: readonly string[]): string {
  return ids.join(',');
}

export const createDistilSlice: StateCreator<WorkbenchState, [], [], DistilSlice> = (set, get) => ({
  distilling: false,
  distilError: null,
  latency: {},
  async distilRun(teacherId, request) {
    const client = get().client;
    if (!client) return undefined;
    set({ distilling: true, distilError: null });
    try {
      const run = await client.call('runs.distil', {
        id: teacherId,
        student: request.student,
        temperature: request.temperature,
        alpha: request.alpha,
        training: request.training,
        ...(request.unlabelled?.trim() ? { unlabelled: request.unlabelled.trim() } : {}),
        start: true,
      });
      set((s) => ({ distilling: false, runs: { ...s.runs, [run.id]: run }, metrics: { ...s.metrics, [run.id]: s.metrics[run.id] ?? [] } }));
      return run;
    } catch (error) {
      set({ distilling: false, distilError: errorMessage(error, 'The student run could not be created') });
      return undefined;
    }
  },
  async importUnlabelled(file) {
    const client = get().client;
    if (!client) return undefined;
    set({ distilError: null });
    try {
      const contentBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      return (await client.call('datasets.import', { name: file.name, contentBase64 })).path;
    } catch (error) {
      set({ distilError: errorMessage(error, `Could not import ${file.name}`) });
      return undefined;
    }
  },
  async measureLatency(ids, seqLen) {
    const client = get().client;
    if (!client) return;
    const key = latencyKey(ids);
    const put = (state: LatencyState) => set((s) => ({ latency: { ...s.latency, [key]: state } }));
    put({ status: 'measuring' });
    try {
      put({ status: 'done', report: await client.call('runs.latency', { ids: [...ids], seqLen }) });
    } catch (error) {
      put({ status: 'error', error: errorMessage(error, 'Could not measure the models') });
    }
  },
});
