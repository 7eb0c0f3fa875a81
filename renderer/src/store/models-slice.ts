// Pretrained models: the catalogue, what Hugging Face's cache holds, downloads in flight
// (their `model.download` events), the Hub settings, and descriptions of the models a
// draft run may start from. The Model step and the run pages read these.
import type { StateCreator } from 'zustand';
import type { CachedModelInfo, CatalogueInfo, DownloadState, HubSettings, ModelDescription, RunConfigInput, TaskKind } from '../../../electron/contract';
import { errorMessage } from '../lib/errors';
import { downloadKey, modelKey } from '../lib/model-source';
import type { WorkbenchState } from './index';

type ModelChoice = RunConfigInput['model'];

export interface ModelsSlice {
  catalogue: CatalogueInfo[];
  cachedModels: CachedModelInfo[];
  hubSettings: HubSettings | null;
  /** By downloadKey(hubId, revision). */
  downloads: Record<string, DownloadState>;
  /** By modelKey(model, task). */
  descriptions: Record<string, { description?: ModelDescription; error?: string }>;
  modelsError: string | null;
  loadModels(): Promise<void>;
  refreshCachedModels(): Promise<void>;
  startDownload(hubId: string, revision?: string): Promise<void>;
  cancelDownload(hubId: string, revision?: string): Promise<void>;
  setHubSettings(change: { offline?: boolean; token?: string | null }): Promise<void>;
  describeModel(model: ModelChoice, task: TaskKind): Promise<void>;
  handleDownloadEvent(download: DownloadState): void;
}

export const createModelsSlice: StateCreator<WorkbenchState, [], [], ModelsSlice> = (set, get) => {
  const client = () => {
    const c = get().client;
    if (!c) throw new Error('not connected to the service');
    return c;
  };
  const putDownload = (download: DownloadState) => set((s) => ({ downloads: { ...s.downloads, [downloadKey(download.hubId, download.revision)]: download } }));
  /** Descriptions of hub models go stale when a download finishes. */
  const forgetDescriptions = (hubId: string) =>
    set((s) => ({ descriptions: Object.fromEntries(Object.entries(s.descriptions).filter(([key]) => !key.includes(JSON.stringify(hubId)))) }));

  return {
    catalogue: [],
    cachedModels: [],
    hubSettings: null,
    downloads: {},
    descriptions: {},
    modelsError: null,
    async loadModels() {
      try {
        const c = client();
        const [catalogue, cachedModels, hubSettings, downloads] = await Promise.all([
          c.call('models.catalogue'),
          c.call('models.cached'),
          c.call('models.hubSettings'),
          c.call('models.downloads'),
        ]);
        set({ catalogue, cachedModels, hubSettings, modelsError: null, downloads: Object.fromEntries(downloads.map((d) => [downloadKey(d.hubId, d.revision), d])) });
      } catch (error) {
        set({ modelsError: errorMessage(error, 'Could not list the models') });
      }
    },
    async refreshCachedModels() {
      try {
        set({ cachedModels: await client().call('models.cached') });
      } catch (error) {
        set({ modelsError: errorMessage(error, 'Could not read the Hugging Face cache') });
      }
    },
    async startDownload(hubId, revision = 'main') {
      try {
        putDownload(await client().call('models.download', { hub: hubId, revision }));
      } catch (error) {
        putDownload({ hubId, revision, status: 'failed', bytes: 0, error: errorMessage(error, 'Could not start the download') });
      }
    },
    async cancelDownload(hubId, revision = 'main') {
      try {
        putDownload(await client().call('models.cancelDownload', { hub: hubId, revision }));
      } catch (error) {
        set({ modelsError: errorMessage(error, 'Could not cancel the download') });
      }
    },
    async setHubSettings(change) {
      try {
        set({ hubSettings: await client().call('models.setHubSettings', change), modelsError: null });
      } catch (error) {
        set({ modelsError: errorMessage(error, 'Could not change the Hub settings') });
      }
    },
    async describeModel(model, task) {
      const key = modelKey(model, task);
      try {
        const description = await client().call('models.describe', { model: model as unknown as Record<string, unknown>, task });
        set((s) => ({ descriptions: { ...s.descriptions, [key]: { description } } }));
      } catch (error) {
        set((s) => ({ descriptions: { ...s.descriptions, [key]: { error: errorMessage(error, 'Could not read the model') } } }));
      }
    },
    handleDownloadEvent(download) {
      putDownload(download);
      if (download.status !== 'downloading') {
        forgetDescriptions(download.hubId);
        void get().refreshCachedModels();
      }
    },
  };
};
