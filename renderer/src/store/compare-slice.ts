// Compare: which axis and metric the overlaid curves use, and per run the parameter counts
// (total and trainable, from training.estimate on the run's config: the record has none).
import type { StateCreator } from 'zustand';
import type { RunConfigInput, RunRecord } from '../../../electron/contract';
import { errorMessage } from '../lib/errors';
import type { XAxisKey } from '../lib/metrics';
import type { WorkbenchState } from './index';

export interface ParameterCounts {
  total: number;
  trainable: number;
}

export interface CompareSlice {
  compareAxis: XAxisKey;
  compareMetric: string;
  smoothing: number;
  parameterCounts: Record<string, ParameterCounts | { error: string }>;
  setCompareAxis(axis: XAxisKey): void;
  setCompareMetric(metric: string): void;
  setSmoothing(weight: number): void;
  loadParameterCounts(run: RunRecord): Promise<void>;
}

export const createCompareSlice: StateCreator<WorkbenchState, [], [], CompareSlice> = (set, get) => {
  // Asked once per run and session: the counts of a run's config never change.
  const requested = new Set<string>();
  return {
    compareAxis: 'step',
    compareMetric: 'loss',
    smoothing: 0.6,
    parameterCounts: {},
    setCompareAxis: (axis) => set({ compareAxis: axis }),
    setCompareMetric: (metric) => set({ compareMetric: metric }),
    setSmoothing: (weight) => set({ smoothing: weight }),
    async loadParameterCounts(run) {
      const client = get().client;
      if (!client || requested.has(run.id)) return;
      requested.add(run.id);
      try {
        // A stored config is a whole parsed RunConfig (the service parsed it when the run was created).
        const estimate = await client.call('training.estimate', { config: run.config as unknown as RunConfigInput, numExamples: 0 });
        set((s) => ({ parameterCounts: { ...s.parameterCounts, [run.id]: estimate.parameters } }));
      } catch (error) {
        set((s) => ({ parameterCounts: { ...s.parameterCounts, [run.id]: { error: errorMessage(error) } } }));
      }
    },
  };
};
