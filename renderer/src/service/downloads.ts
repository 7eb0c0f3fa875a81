// Browser mode's file downloads: plain links to the service's HTTP routes, authorised by
// the access token that came in the page's address (as the WebSocket is). The desktop app
// has no such routes; it shows folders in the file manager instead.
import { EXPORT_DOWNLOAD_ROUTE } from '../../../electron/contract';

/** The link that downloads a run's export folder as a zip; undefined in the desktop app. */
export function exportDownloadUrl(runId: string, folder: string): string | undefined {
  if (window.workbench) return undefined;
  const token = new URLSearchParams(window.location.search).get('token');
  if (!token) return undefined;
  return `${EXPORT_DOWNLOAD_ROUTE}?${new URLSearchParams({ token, run: runId, path: folder })}`;
}
