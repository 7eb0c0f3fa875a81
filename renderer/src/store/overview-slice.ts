import type { StateCreator } from 'zustand';
import type { PresetInfo, SampleInfo, SystemInfo } from '../../../electron/contract';
import type { WorkbenchState } from './index';

export interface OverviewSlice {
  system: SystemInfo | null;
  presets: PresetInfo[];
  samples: SampleInfo[];
  overviewError: string | null;
  loadOverview(): Promise<void>;
}

export const createOverviewSlice: StateCreator<WorkbenchState, [], [], OverviewSlice> = (set, get) => ({
  system: null,
  presets: [],
  samples: [],
  overviewError: null,
  async loadOverview() {
    const client = get().client;
    if (!client) return;
    try {
      const [system, presets, samples] = await Promise.all([
        client.call('system.info'),
        client.call('models.presets'),
        client.call('datasets.samples'),
      ]);
      set({ system, presets, samples, overviewError: null });
    } catch (error) {
      set({ overviewError: error instanceof Error ? error.message : String(error) });
    }
  },
});
