// Data sets: files imported into the service, and the inspection reports (cached per
// task, files and length, since the Datasets page and the New run form ask for the same).
import type { StateCreator } from 'zustand';
import type { DatasetReport, ImportedFile, TaskKind } from '../../../electron/contract';
import { bytesToBase64 } from '../lib/base64';
import { errorMessage } from '../lib/errors';
import type { WorkbenchState } from './index';

export interface InspectRequest {
  task: TaskKind;
  train: string;
  validation?: string;
  maxSeqLength?: number;
  docStride?: number;
  /** The run's model: its tokenizer counts the tokens. */
  model?: Record<string, unknown>;
}

export interface ReportState {
  status: 'loading' | 'ready' | 'error';
  report?: DatasetReport;
  error?: string;
}

/** What the Datasets page shows: a sample or an imported file, and the task to read it as. */
export interface DatasetSelection {
  task: TaskKind;
  train: string;
  validation?: string;
  /** "SST-2 movie review sentiment" or the imported file's name. */
  label: string;
  sampleId?: string;
}

export interface DatasetsSlice {
  imported: ImportedFile[];
  importing: boolean;
  importError: string | null;
  selection: DatasetSelection | null;
  inspectLength: number | null;
  reports: Record<string, ReportState>;
  importDatasetFile(file: File, task: TaskKind): Promise<ImportedFile | null>;
  selectDataset(selection: DatasetSelection): void;
  setSelectionTask(task: TaskKind): void;
  setInspectLength(length: number | null): void;
  inspectDataset(request: InspectRequest): Promise<ReportState>;
}

export function reportKey(r: InspectRequest): string {
  return JSON.stringify([r.task, r.train, r.validation ?? null, r.maxSeqLength ?? null, r.docStride ?? null, r.model ?? null]);
}

export const createDatasetsSlice: StateCreator<WorkbenchState, [], [], DatasetsSlice> = (set, get) => ({
  imported: [],
  importing: false,
  importError: null,
  selection: null,
  inspectLength: null,
  reports: {},
  async importDatasetFile(file, task) {
    const client = get().client;
    if (!client) return null;
    set({ importing: true, importError: null });
    try {
      const contentBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      const imported = await client.call('datasets.import', { name: file.name, contentBase64 });
      set((s) => ({ imported: [imported, ...s.imported.filter((f) => f.path !== imported.path)], importing: false }));
      get().selectDataset({ task, train: imported.path, label: imported.name });
      return imported;
    } catch (error) {
      set({ importing: false, importError: errorMessage(error, `Could not import ${file.name}`) });
      return null;
    }
  },
  selectDataset(selection) {
    set({ selection });
  },
  setSelectionTask(task) {
    const selection = get().selection;
    if (selection) set({ selection: { ...selection, task } });
  },
  setInspectLength(length) {
    set({ inspectLength: length });
  },
  async inspectDataset(request) {
    const key = reportKey(request);
    const cached = get().reports[key];
    if (cached && cached.status !== 'error') return cached;
    const client = get().client;
    if (!client) return { status: 'error', error: 'not connected to the service' };
    const put = (state: ReportState) => set((s) => ({ reports: { ...s.reports, [key]: state } }));
    put({ status: 'loading' });
    try {
      const params: InspectRequest = { task: request.task, train: request.train };
      if (request.validation) params.validation = request.validation;
      if (request.maxSeqLength) params.maxSeqLength = request.maxSeqLength;
      if (request.docStride) params.docStride = request.docStride;
      if (request.model) params.model = request.model;
      const report = await client.call('datasets.inspect', params);
      const state: ReportState = { status: 'ready', report };
      put(state);
      return state;
    } catch (error) {
      const state: ReportState = { status: 'error', error: errorMessage(error, 'Could not read the data') };
      put(state);
      return state;
    }
  },
});
