import type { StateCreator } from 'zustand';
import type { PresetInfo, SampleInfo, SystemInfo } from '../../../electron/contract';
import { errorMessage } from '../lib/errors';
import type { WorkbenchState } from './index';

export interface OverviewSlice {
  system: SystemInfo | null;
  presets: PresetInfo[];
  samples: SampleInfo[];
  overviewError: string | null;
  /** The fast CPU backend's build, asked for on the Overview. */
  nativeBuild: { state: 'idle' } | { state: 'building' } | { state: 'failed'; message: string };
  loadOverview(): Promise<void>;
  buildNativeBackend(): Promise<void>;
}

export const createOverviewSlice: StateCreator<WorkbenchState, [], [], OverviewSlice> = (set, get) => ({
  system: null,
  presets: [],
  samples: [],
  overviewError: null,
  nativeBuild: { state: 'idle' },
  async buildNativeBackend() {
    const client = get().client;
    if (!client || get().nativeBuild.state === 'building') return;
    set({ nativeBuild: { state: 'building' } });
    try {
      set({ system: await client.call('system.buildNativeBackend'), nativeBuild: { state: 'idle' } });
    } catch (error) {
      set({ nativeBuild: { state: 'failed', message: errorMessage(error, 'The build failed') } });
    }
  },
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
