// Runs: the list, each run's metric history (runs.metrics once, then live run.metrics
// events) and its log lines, and the actions on a run. Service events land here.
import type { StateCreator } from 'zustand';
import type { MetricsRow, RunConfigInput, RunRecord, ServiceEvent } from '../../../electron/contract';
import { errorMessage } from '../lib/errors';
import { appendMetrics } from '../lib/metrics';
import { progressFromRows } from '../lib/progress';
import type { WorkbenchState } from './index';

export interface LogLine {
  level: 'info' | 'warning' | 'error';
  message: string;
  time: string;
}

const MAX_LOG_LINES = 500;

export interface RunsSlice {
  runs: Record<string, RunRecord>;
  runsLoaded: boolean;
  runsError: string | null;
  metrics: Record<string, MetricsRow[]>;
  metricsLoaded: Record<string, boolean>;
  metricsErrors: Record<string, string>;
  logs: Record<string, LogLine[]>;
  runErrors: Record<string, string>;
  /** Runs with an action (cancel, resume, delete) in flight. */
  runBusy: Record<string, boolean>;
  loadRuns(): Promise<void>;
  loadRun(id: string): Promise<void>;
  loadMetrics(id: string): Promise<void>;
  createRun(config: RunConfigInput, name?: string): Promise<RunRecord>;
  cancelRun(id: string): Promise<void>;
  resumeRun(id: string): Promise<void>;
  /** Name, tags and notes (runs.update). */
  updateRun(id: string, patch: { name?: string; tags?: string[]; notes?: string }): Promise<void>;
  deleteRun(id: string): Promise<boolean>;
  handleServiceEvent(event: ServiceEvent): void;
}

export const createRunsSlice: StateCreator<WorkbenchState, [], [], RunsSlice> = (set, get) => {
  const putRun = (run: RunRecord) => set((s) => ({ runs: { ...s.runs, [run.id]: run } }));
  const runAction = async (id: string, what: string, action: () => Promise<RunRecord | void>) => {
    set((s) => ({ runBusy: { ...s.runBusy, [id]: true }, runErrors: without(s.runErrors, id) }));
    try {
      const run = await action();
      if (run) putRun(run);
    } catch (error) {
      set((s) => ({ runErrors: { ...s.runErrors, [id]: errorMessage(error, what) } }));
    } finally {
      set((s) => ({ runBusy: without(s.runBusy, id) }));
    }
  };
  const client = () => {
    const c = get().client;
    if (!c) throw new Error('not connected to the service');
    return c;
  };

  return {
    runs: {},
    runsLoaded: false,
    runsError: null,
    metrics: {},
    metricsLoaded: {},
    metricsErrors: {},
    logs: {},
    runErrors: {},
    runBusy: {},
    async loadRuns() {
      try {
        const list = await client().call('runs.list');
        set({ runs: Object.fromEntries(list.map((r) => [r.id, r])), runsLoaded: true, runsError: null });
      } catch (error) {
        set({ runsError: errorMessage(error, 'Could not list the runs'), runsLoaded: true });
      }
    },
    async loadRun(id) {
      try {
        putRun(await client().call('runs.get', { id }));
        set((s) => ({ runErrors: without(s.runErrors, id) }));
      } catch (error) {
        set((s) => ({ runErrors: { ...s.runErrors, [id]: errorMessage(error, 'Could not open the run') } }));
      }
    },
    async loadMetrics(id) {
      try {
        const [history, logHistory] = await Promise.all([client().call('runs.metrics', { id }), client().call('runs.logs', { id })]);
        // Live lines that arrived while the history loaded follow it.
        set((s) => {
          const live = (s.logs[id] ?? []).filter((line) => !logHistory.some((old) => old.time === line.time && old.message === line.message));
          return { logs: { ...s.logs, [id]: [...logHistory, ...live].slice(-MAX_LOG_LINES) } };
        });
        // Live rows that arrived while the history loaded are merged, not lost.
        set((s) => ({
          metrics: { ...s.metrics, [id]: appendMetrics(history, s.metrics[id] ?? []) },
          metricsLoaded: { ...s.metricsLoaded, [id]: true },
          metricsErrors: without(s.metricsErrors, id),
        }));
      } catch (error) {
        set((s) => ({ metricsErrors: { ...s.metricsErrors, [id]: errorMessage(error, 'Could not load the metrics') } }));
      }
    },
    async createRun(config, name) {
      const run = await client().call('runs.create', { config, start: true, ...(name ? { name } : {}) });
      putRun(run);
      set((s) => ({ metrics: { ...s.metrics, [run.id]: s.metrics[run.id] ?? [] } }));
      return run;
    },
    cancelRun: (id) => runAction(id, 'Could not cancel the run', () => client().call('runs.cancel', { id })),
    resumeRun: (id) => runAction(id, 'Could not resume the run', () => client().call('runs.resume', { id })),
    updateRun: (id, patch) => runAction(id, 'Could not save the change', () => client().call('runs.update', { id, ...patch })),
    async deleteRun(id) {
      let deleted = false;
      await runAction(id, 'Could not delete the run', async () => {
        await client().call('runs.delete', { id });
        deleted = true;
        set((s) => ({ runs: without(s.runs, id), metrics: without(s.metrics, id), metricsLoaded: without(s.metricsLoaded, id) }));
      });
      return deleted;
    },
    handleServiceEvent(event) {
      switch (event.type) {
        case 'model.download':
          get().handleDownloadEvent(event.download);
          return;
        case 'run.status':
          putRun(event.run);
          return;
        case 'run.metrics':
          set((s) => {
            const run = s.runs[event.runId];
            // Live rows carry total_steps: lists and the status line move on without run.json.
            const progress = run && progressFromRows(run.progress, event.rows);
            const runs = run && progress !== run.progress ? { runs: { ...s.runs, [run.id]: { ...run, progress } } } : {};
            return { ...runs, metrics: { ...s.metrics, [event.runId]: appendMetrics(s.metrics[event.runId] ?? [], event.rows) } };
          });
          return;
        case 'run.log': {
          const line: LogLine = { level: event.level, message: event.message, time: event.time };
          set((s) => ({ logs: { ...s.logs, [event.runId]: [...(s.logs[event.runId] ?? []), line].slice(-MAX_LOG_LINES) } }));
          return;
        }
        case 'run.evaluation':
        case 'run.system':
          get().handleEvaluationEvent(event);
          return;
        case 'run.checkpoint': {
          const run = get().runs[event.runId];
          if (run) putRun({ ...run, last_checkpoint: { step: event.step, path: event.path } });
          return;
        }
      }
    },
  };
};

function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  if (!(key in record)) return record;
  const { [key]: _removed, ...rest } = record;
  return rest;
}
