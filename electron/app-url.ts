// The renderer's address in the desktop app: app://bert-workbench/index.html, served by
// the app's own protocol handler from dist/renderer (main.ts) rather than from file://,
// which would give the page the whole file system as its origin. Pure functions, so the
// rules are tested with real URL shapes without an Electron binary.
import { confinedFile } from './web/static-files';

export const APP_SCHEME = 'app';
export const APP_HOST = 'bert-workbench';
export const RENDERER_URL = `${APP_SCHEME}://${APP_HOST}/index.html`;

function parse(url: string): URL | undefined {
  try {
    return new URL(url);
  } catch {
    return undefined;
  }
}

/**
 * Whether `url` is the app's page. The renderer routes with `#/runs/…` (and may carry a
 * query), so only scheme, host and path are compared: comparing the whole URL refused
 * every message after the first in-app navigation.
 */
export function isAppPageUrl(url: string, pageUrl: string = RENDERER_URL): boolean {
  const given = parse(url);
  const page = parse(pageUrl);
  if (!given || !page) return false;
  // Hosts compare case-insensitively (Chromium lower-cases a standard scheme's host; Node's parser keeps a custom scheme's as written).
  const sameHost = given.host.toLowerCase() === page.host.toLowerCase();
  return given.protocol === page.protocol && sameHost && given.pathname === page.pathname && given.username === '' && given.password === '';
}

/** The file an app:// request names inside `rendererDir`, or undefined (another host, a path that leaves the folder). */
export function appRequestFile(url: string, rendererDir: string): string | undefined {
  const request = parse(url);
  if (!request || request.protocol !== `${APP_SCHEME}:` || request.host.toLowerCase() !== APP_HOST) return undefined;
  return confinedFile(rendererDir, request.pathname);
}
