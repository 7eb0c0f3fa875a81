// Picks the route: Electron's preload bridge when present, else the browser-mode
// WebSocket, authorised by the token that came in the page's address.
import { ServiceClient } from './client';
import { ipcTransport, webSocketTransport } from './transports';

export async function connectToService(): Promise<ServiceClient> {
  if (window.workbench) return new ServiceClient(ipcTransport(window.workbench));
  const token = new URLSearchParams(window.location.search).get('token');
  if (!token) {
    throw new Error('This page needs its access token: open the address that `npm start` printed, including ?token=…');
  }
  const url = `ws://${window.location.host}/ws?token=${encodeURIComponent(token)}`;
  return new ServiceClient(await webSocketTransport(url));
}
