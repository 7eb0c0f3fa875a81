// Data sets: the library of imported files (kept by the service across restarts), and the
// inspection reports (cached per task, files, length, columns and label names, since the
// Datasets page, the New run form and the playground ask for the same).
import type { StateCreator } from 'zustand';
import type { DataColumns, DatasetEntry, DatasetReport, DatasetSettings, TaskKind } from '../../../electron/contract';
import { bytesToBase64 } from '../lib/base64';
import { errorMessage } from '../lib/errors';
import type { WorkbenchState } from './index';

export interface InspectRequest {
  task: TaskKind;
  train: string;
  validation?: string;
  maxSeqLength?: number;
  docStride?: number;
  /** A run config's data.columns: which columns hold what. */
  columns?: DataColumns;
  /** A run config's data.label_names. */
  labelNames?: Record<string, string>;
  /** The run's model: its tokenizer counts the tokens. */
  model?: Record<string, unknown>;
}

export interface ReportState {
  status: 'loading' | 'ready' | 'error';
  report?: DatasetReport;
  error?: string;
}

/** What the Datasets page shows: a sample or a data set of the library, and how to read it. */
export interface DatasetSelection {
  task: TaskKind;
  train: string;
  validation?: string;
  /** "SST-2 movie review sentiment" or the data set's name. */
  label: string;
  sampleId?: string;
  /** The library entry, whose settings are remembered as they change. */
  datasetId?: string;
  columns?: DataColumns;
  labelNames?: Record<string, string>;
}

export interface DatasetsSlice {
  library: DatasetEntry[];
  libraryError: string | null;
  importing: boolean;
  importError: string | null;
  /** Said after an import: e.g. that the same file was already in the library. */
  importNote: string | null;
  selection: DatasetSelection | null;
  inspectLength: number | null;
  reports: Record<string, ReportState>;
  loadLibrary(): Promise<void>;
  importDatasetFile(file: File, task: TaskKind): Promise<DatasetEntry | null>;
  renameDataset(id: string, name: string): Promise<boolean>;
  deleteDataset(id: string): Promise<boolean>;
  /** Remembers how a data set is read (task, columns, label names); null clears a setting. */
  rememberDataset(id: string, settings: { [K in keyof DatasetSettings]?: DatasetSettings[K] | null }): Promise<void>;
  selectDataset(selection: DatasetSelection): void;
  selectLibraryDataset(entry: DatasetEntry, fallbackTask: TaskKind): void;
  setSelectionTask(task: TaskKind): void;
  setSelectionColumns(columns: DataColumns): void;
  setInspectLength(length: number | null): void;
  inspectDataset(request: InspectRequest): Promise<ReportState>;
}

/** JSON with sorted keys: the same request always gives the same key. */
function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'null';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(',')}}`;
}

export function reportKey(r: InspectRequest): string {
  const given = (o: object | undefined) => (o && Object.keys(o).length > 0 ? o : null);
  return stableJson([r.task, r.train, r.validation ?? null, r.maxSeqLength ?? null, r.docStride ?? null, given(r.columns), given(r.labelNames), r.model ?? null]);
}

/** The library entry a path belongs to (its file, or an older copy of it). */
export function libraryEntryOf(library: readonly DatasetEntry[], path: string): DatasetEntry | undefined {
  return library.find((e) => e.path === path || (e.copies ?? []).includes(path));
}

export const createDatasetsSlice: StateCreator<WorkbenchState, [], [], DatasetsSlice> = (set, get) => ({
  library: [],
  libraryError: null,
  importing: false,
  importError: null,
  importNote: null,
  selection: null,
  inspectLength: null,
  reports: {},
  async loadLibrary() {
    const client = get().client;
    if (!client) return;
    try {
      set({ library: await client.call('datasets.list'), libraryError: null });
    } catch (error) {
      set({ libraryError: errorMessage(error, 'Could not list the data sets') });
    }
  },
  async importDatasetFile(file, task) {
    const client = get().client;
    if (!client) return null;
    set({ importing: true, importError: null, importNote: null });
    try {
      const contentBase64 = bytesToBase64(new Uint8Array(await file.arrayBuffer()));
      const imported = await client.call('datasets.import', { name: file.name, contentBase64, task });
      await get().loadLibrary();
      const entry = get().library.find((e) => e.id === imported.id);
      set({ importing: false, importNote: imported.alreadyImported ? `${file.name} is already in your data sets as “${imported.name}”; opened that one.` : null });
      if (entry) get().selectLibraryDataset(entry, task);
      return entry ?? null;
    } catch (error) {
      set({ importing: false, importError: errorMessage(error, `Could not import ${file.name}`) });
      return null;
    }
  },
  async renameDataset(id, name) {
    const client = get().client;
    if (!client) return false;
    try {
      const entry = await client.call('datasets.rename', { id, name });
      set((s) => ({
        library: s.library.map((e) => (e.id === id ? entry : e)),
        selection: s.selection?.datasetId === id ? { ...s.selection, label: entry.name } : s.selection,
        libraryError: null,
      }));
      return true;
    } catch (error) {
      set({ libraryError: errorMessage(error, 'Could not rename the data set') });
      return false;
    }
  },
  async deleteDataset(id) {
    const client = get().client;
    if (!client) return false;
    try {
      await client.call('datasets.delete', { id });
      set((s) => ({ library: s.library.filter((e) => e.id !== id), selection: s.selection?.datasetId === id ? null : s.selection, libraryError: null }));
      return true;
    } catch (error) {
      set({ libraryError: errorMessage(error, 'Could not delete the data set') });
      return false;
    }
  },
  async rememberDataset(id, settings) {
    const client = get().client;
    if (!client) return;
    try {
      const entry = await client.call('datasets.update', { id, ...settings });
      set((s) => ({ library: s.library.map((e) => (e.id === id ? entry : e)) }));
    } catch (error) {
      set({ libraryError: errorMessage(error, 'Could not remember the data set’s settings') });
    }
  },
  selectDataset(selection) {
    set({ selection });
  },
  selectLibraryDataset(entry, fallbackTask) {
    const selection: DatasetSelection = { task: entry.task ?? fallbackTask, train: entry.path, label: entry.name, datasetId: entry.id };
    if (entry.columns) selection.columns = entry.columns;
    if (entry.labelNames) selection.labelNames = entry.labelNames;
    set({ selection });
  },
  setSelectionTask(task) {
    const selection = get().selection;
    if (!selection || selection.task === task) return;
    // Columns and label names belong to one way of reading the file.
    const { columns: _columns, labelNames: _labels, ...rest } = selection;
    set({ selection: { ...rest, task } });
    if (selection.datasetId) void get().rememberDataset(selection.datasetId, { task, columns: null, labelNames: null });
  },
  setSelectionColumns(columns) {
    const selection = get().selection;
    if (!selection) return;
    set({ selection: { ...selection, columns } });
    if (selection.datasetId) void get().rememberDataset(selection.datasetId, { task: selection.task, columns });
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
      if (request.columns && Object.keys(request.columns).length > 0) params.columns = request.columns;
      if (request.labelNames && Object.keys(request.labelNames).length > 0) params.labelNames = request.labelNames;
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
