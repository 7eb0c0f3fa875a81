import type { StateCreator } from 'zustand';
import type { ServiceClient } from '../service/client';
import { connectToService } from '../service/connect';
import type { WorkbenchState } from './index';

export interface ConnectionSlice {
  client: ServiceClient | null;
  connection: 'idle' | 'connecting' | 'connected' | 'failed';
  connectionError: string | null;
  connect(): Promise<void>;
}

export const createConnectionSlice: StateCreator<WorkbenchState, [], [], ConnectionSlice> = (set, get) => ({
  client: null,
  connection: 'idle',
  connectionError: null,
  async connect() {
    if (get().connection === 'connecting' || get().connection === 'connected') return;
    set({ connection: 'connecting', connectionError: null });
    try {
      const client = await connectToService();
      client.onEvent((event) => get().handleServiceEvent(event));
      client.onClose((reason) => set({ connection: 'failed', connectionError: `${reason}; reload the page or restart the app to reconnect` }));
      set({ client, connection: 'connected' });
      // Each loader reports its own failure; one missing method must not hide the others.
      await Promise.all([get().loadOverview(), get().loadRuns(), get().loadTrainingDefaults(), get().loadLibrary(), get().loadModels()]);
    } catch (error) {
      set({ connection: 'failed', connectionError: error instanceof Error ? error.message : String(error) });
    }
  },
});
