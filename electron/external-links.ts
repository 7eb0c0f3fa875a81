// Which links the app opens in the system browser: https only, to the sites the app
// points people to (model pages, papers, documentation), with no credentials in the
// address. Anything else a page asks to open — file:, a custom scheme that starts a
// program, http:, another site — is refused (shell.openExternal runs what the OS maps a
// URL to).
const ALLOWED_HOSTS = new Set(['huggingface.co', 'hf.co', 'github.com', 'arxiv.org', 'www.tensorflow.org', 'js.tensorflow.org', 'onnxruntime.ai', 'www.electronjs.org']);

export function isAllowedExternalUrl(url: string): boolean {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return false;
  }
  return parsed.protocol === 'https:' && parsed.port === '' && parsed.username === '' && parsed.password === '' && ALLOWED_HOSTS.has(parsed.hostname);
}
