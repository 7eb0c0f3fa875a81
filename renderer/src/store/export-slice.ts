// Export: one export per run at a time; the result (path, files, parity checks) stays shown,
// and its folder can be shown in the file manager (desktop app).
import type { StateCreator } from 'zustand';
import type { ExportFormat, ExportQuantization, ExportResult, MethodParams } from '../../../electron/contract';
import { errorMessage } from '../lib/errors';
import type { WorkbenchState } from './index';

export interface ExportRequest {
  format: ExportFormat;
  outDir?: string;
  quantize?: ExportQuantization;
}

export interface ExportState {
  status: 'exporting' | 'done' | 'error';
  result?: ExportResult;
  error?: string;
  /** Why showing the folder failed, when it did. */
  revealError?: string;
}

export interface ExportSlice {
  exports: Record<string, ExportState>;
  exportRun(id: string, request: ExportRequest): Promise<void>;
  /** Shows the run's last export folder in the system's file manager. */
  revealExport(id: string): Promise<void>;
}

export const createExportSlice: StateCreator<WorkbenchState, [], [], ExportSlice> = (set, get) => ({
  exports: {},
  async exportRun(id, request) {
    const client = get().client;
    if (!client) return;
    const put = (state: ExportState) => set((s) => ({ exports: { ...s.exports, [id]: state } }));
    put({ status: 'exporting' });
    try {
      const params: MethodParams<'runs.export'> = { id, format: request.format };
      if (request.outDir?.trim()) params.outDir = request.outDir.trim();
      if (request.quantize) params.quantize = request.quantize;
      put({ status: 'done', result: await client.call('runs.export', params) });
    } catch (error) {
      put({ status: 'error', error: errorMessage(error, 'The export failed') });
    }
  },
  async revealExport(id) {
    const client = get().client;
    const state = get().exports[id];
    if (!client || !state?.result) return;
    const patch = (change: Partial<ExportState>) => set((s) => ({ exports: { ...s.exports, [id]: { ...state, ...s.exports[id], ...change } } }));
    patch({ revealError: undefined });
    try {
      await client.call('runs.revealExport', { id, path: state.result.path });
    } catch (error) {
      patch({ revealError: errorMessage(error, 'The folder could not be shown') });
    }
  },
});
