// The models.* methods: the catalogue of pretrained checkpoints and the presets (figures
// from the core), what Hugging Face's cache already holds, downloads, Hub settings and a
// model's description. One object the workbench wires into its handlers.
import { configFromJson } from '../../core/checkpoint/config-json';
import { scanHubCache, type CachedRepo, type CachedSnapshot } from '../../core/hub/cache-scan-node';
import { CATALOGUE, catalogueDownloadBytes, catalogueEntry, catalogueParameters, DEFAULT_CATALOGUE_ID } from '../../core/hub/catalogue';
import { countParameters } from '../../core/model/config';
import type { RunTask } from '../../core/train/run-config';
import type { CachedModelInfo, CatalogueInfo, DownloadState, HubSettings, MethodParams, ModelDescription, ServiceEvent } from '../contract';
import { DownloadManager } from './downloads';
import { HubSession } from './hub-session';
import { describeModel } from './model-description';

export function catalogueInfos(): CatalogueInfo[] {
  return CATALOGUE.map((entry) => ({
    hubId: entry.hubId,
    name: entry.name,
    layers: entry.shape.layers,
    hiddenSize: entry.shape.hidden,
    heads: entry.shape.heads,
    intermediateSize: entry.shape.intermediate,
    vocabSize: entry.shape.vocabSize,
    parameters: catalogueParameters(entry),
    downloadBytes: catalogueDownloadBytes(entry),
    cased: entry.cased,
    language: entry.language,
    domain: entry.domain,
    licence: entry.licence,
    description: entry.description,
    ...(entry.paper ? { paper: entry.paper } : {}),
    default: entry.hubId === DEFAULT_CATALOGUE_ID,
  }));
}

/** The snapshot a run of this repository would use: main's if complete, else the newest complete one. */
function chosenSnapshot(repo: CachedRepo): { snapshot: CachedSnapshot; revision?: string } | undefined {
  const complete = repo.snapshots.filter((s) => s.complete);
  for (const [revision, commit] of Object.entries(repo.refs).sort(([a], [b]) => Number(b === 'main') - Number(a === 'main'))) {
    const snapshot = complete.find((s) => s.commit === commit);
    if (snapshot) return { snapshot, revision };
  }
  const newest = complete[0];
  return newest ? { snapshot: newest } : undefined;
}

export function cachedModelInfo(repo: CachedRepo): CachedModelInfo {
  const chosen = chosenSnapshot(repo);
  const info: CachedModelInfo = { hubId: repo.repoId, usable: false, inCatalogue: catalogueEntry(repo.repoId) !== undefined, sizeBytes: repo.sizeBytes, incompleteBytes: repo.incompleteBytes };
  if (!chosen) {
    const notBert = repo.snapshots.find((s) => s.notBert)?.notBert;
    info.problem = notBert ?? (repo.incompleteBytes > 0 ? 'partly downloaded: downloading it again resumes' : 'no complete checkpoint (config.json and weights)');
    return info;
  }
  const { snapshot, revision } = chosen;
  Object.assign(info, { commit: snapshot.commit, dir: snapshot.dir, ...(revision ? { revision } : {}) });
  if (snapshot.notBert) return { ...info, problem: snapshot.notBert };
  try {
    const config = configFromJson(snapshot.config ?? {});
    return { ...info, usable: true, layers: config.num_hidden_layers, hiddenSize: config.hidden_size, heads: config.num_attention_heads, parameters: countParameters(config) };
  } catch (error) {
    return { ...info, problem: error instanceof Error ? error.message : String(error) };
  }
}

export class ModelsService {
  readonly hub: HubSession;
  readonly downloads: DownloadManager;

  constructor(emit: (event: ServiceEvent) => void, hub = new HubSession()) {
    this.hub = hub;
    this.downloads = new DownloadManager({ hub, emit });
  }

  catalogue(): CatalogueInfo[] {
    return catalogueInfos();
  }

  async cached(): Promise<CachedModelInfo[]> {
    return (await scanHubCache(this.hub.settings().cacheDir)).map(cachedModelInfo);
  }

  download(params: MethodParams<'models.download'>): DownloadState {
    return this.downloads.start(params.hub, params.revision, params.token);
  }

  cancelDownload(params: MethodParams<'models.cancelDownload'>): DownloadState {
    return this.downloads.cancel(params.hub, params.revision);
  }

  settings(): HubSettings {
    return this.hub.settings();
  }

  setSettings(params: MethodParams<'models.setHubSettings'>): HubSettings {
    return this.hub.update(params);
  }

  describe(params: MethodParams<'models.describe'>): Promise<ModelDescription> {
    return describeModel(params.model, params.task as RunTask | undefined, this.hub.cacheEnv);
  }

  close(): Promise<void> {
    return this.downloads.close();
  }
}
