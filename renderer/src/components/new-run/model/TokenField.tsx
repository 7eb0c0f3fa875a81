// The Hugging Face access token for gated and private models. The service keeps it in
// memory for this session only and never sends it back; HF_TOKEN keeps one for good.
import { useState } from 'react';
import { useWorkbench } from '../../../store';

export function TokenField() {
  const settings = useWorkbench((s) => s.hubSettings);
  const setHubSettings = useWorkbench((s) => s.setHubSettings);
  const [token, setToken] = useState('');
  return (
    <span className="inline-field">
      <label>
        Access token{' '}
        <input
          type="password"
          autoComplete="off"
          value={token}
          placeholder={settings?.tokenSet ? (settings.tokenFromEnv ? 'set by HF_TOKEN' : 'set for this session') : 'hf_…'}
          onChange={(e) => setToken(e.target.value)}
          data-testid="hf-token"
        />
      </label>
      <button type="button" disabled={!token.trim()} onClick={() => void setHubSettings({ token: token.trim() }).then(() => setToken(''))} data-testid="save-token">
        Use token
      </button>
      {settings?.tokenSet && !settings.tokenFromEnv && (
        <button type="button" className="linkish" onClick={() => void setHubSettings({ token: null })}>
          Forget it
        </button>
      )}
      <span className="hint">
        From <a href="https://huggingface.co/settings/tokens" target="_blank" rel="noreferrer">huggingface.co/settings/tokens</a>; kept until the app quits (set HF_TOKEN to keep one).
      </span>
    </span>
  );
}
