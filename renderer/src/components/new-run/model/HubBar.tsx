// Where models come from and are kept: Hugging Face's cache (shared with Python's
// huggingface_hub), offline mode, and the access token.
import { useWorkbench } from '../../../store';
import { TokenField } from './TokenField';

export function HubBar() {
  const settings = useWorkbench((s) => s.hubSettings);
  const setHubSettings = useWorkbench((s) => s.setHubSettings);
  if (!settings) return null;
  return (
    <div className="subpanel hub-bar" data-testid="hub-bar">
      <span className="hint">
        Models are kept in the Hugging Face cache <code data-testid="hub-cache-dir">{settings.cacheDir}</code>, shared with Transformers and huggingface_hub
        (HF_HOME / HF_HUB_CACHE move it); downloads come from {settings.endpoint}.
      </span>
      <span className="inline-field">
        <label>
          <input
            type="checkbox"
            checked={settings.offline}
            disabled={settings.offlineFromEnv}
            onChange={(e) => void setHubSettings({ offline: e.target.checked })}
            data-testid="offline-mode"
          />{' '}
          Offline: use only models already downloaded
        </label>
        {settings.offlineFromEnv && <span className="hint">(HF_HUB_OFFLINE=1 is set)</span>}
      </span>
      {settings.offline && (
        <p className="warn-text" data-testid="offline-note">
          Offline mode: nothing is downloaded; only the models listed as downloaded can be used.
        </p>
      )}
      <details>
        <summary>Gated or private models: access token {settings.tokenSet ? '(set)' : ''}</summary>
        <TokenField />
      </details>
    </div>
  );
}
