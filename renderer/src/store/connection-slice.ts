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
      set({ client, connection: 'connected' });
      await get().loadOverview();
    } catch (error) {
      set({ connection: 'failed', connectionError: error instanceof Error ? error.message : String(error) });
    }
  },
});
