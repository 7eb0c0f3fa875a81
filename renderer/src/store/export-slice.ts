// Export: one export per run at a time; the result (path, files, parity check) stays shown.
import type { StateCreator } from 'zustand';
import type { ExportResult } from '../../../electron/contract';
import { errorMessage } from '../lib/errors';
import type { WorkbenchState } from './index';

export interface ExportRequest {
  format: 'hf' | 'tfjs';
  outDir?: string;
  quantize?: 'f16' | 'u8';
}

export interface ExportState {
  status: 'exporting' | 'done' | 'error';
  result?: ExportResult;
  error?: string;
}

export interface ExportSlice {
  exports: Record<string, ExportState>;
  exportRun(id: string, request: ExportRequest): Promise<void>;
}

export const createExportSlice: StateCreator<WorkbenchState, [], [], ExportSlice> = (set, get) => ({
  exports: {},
  async exportRun(id, request) {
    const client = get().client;
    if (!client) return;
    const put = (state: ExportState) => set((s) => ({ exports: { ...s.exports, [id]: state } }));
    put({ status: 'exporting' });
    try {
      const params: { id: string; format: 'hf' | 'tfjs'; outDir?: string; quantize?: 'f16' | 'u8' } = { id, format: request.format };
      if (request.outDir?.trim()) params.outDir = request.outDir.trim();
      if (request.quantize) params.quantize = request.quantize;
      put({ status: 'done', result: await client.call('runs.export', params) });
    } catch (error) {
      put({ status: 'error', error: errorMessage(error, 'The export failed') });
    }
  },
});
