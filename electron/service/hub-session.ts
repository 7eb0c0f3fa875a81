// How this service talks to the Hub: the HF_* variables it started with, plus what the
// person set in the app for this session — offline mode, and an access token kept in
// memory only (never written to disk, never sent back to a client). Set HF_TOKEN to keep
// a token across sessions, as with huggingface_hub.
import type { Env } from '../../core/hub/cache-node';
import { hubOptions, type DownloadOptions } from '../../core/hub/download-node';
import type { HubSettings } from '../contract';

export class HubSession {
  private offline: boolean | undefined;
  private token: string | undefined;

  constructor(private readonly env: Env = process.env) {}

  private get offlineFromEnv(): boolean {
    return hubOptions({ env: this.env }).offline;
  }

  private get envToken(): string | undefined {
    return this.env.HF_TOKEN || this.env.HUGGING_FACE_HUB_TOKEN || undefined;
  }

  settings(): HubSettings {
    const { cacheDir, endpoint } = hubOptions({ env: this.env });
    return {
      endpoint,
      cacheDir,
      offline: this.offlineFromEnv || (this.offline ?? false),
      offlineFromEnv: this.offlineFromEnv,
      tokenSet: (this.token ?? this.envToken) !== undefined,
      tokenFromEnv: this.token === undefined && this.envToken !== undefined,
    };
  }

  update(change: { offline?: boolean | undefined; token?: string | null | undefined }): HubSettings {
    if (change.offline !== undefined) this.offline = change.offline;
    if (change.token !== undefined) this.token = change.token ?? undefined;
    return this.settings();
  }

  /** Options for downloadModel: the cache, endpoint and offline mode of this session, and the token (one given now wins). */
  downloadOptions(token?: string): Pick<DownloadOptions, 'env' | 'token' | 'offline'> {
    const use = token ?? this.token ?? this.envToken;
    return { env: this.env, offline: this.settings().offline, ...(use ? { token: use } : {}) };
  }

  /** For reading the cache (scan, describe): the same variables. */
  get cacheEnv(): Env {
    return this.env;
  }
}
