// The renderer's built files, served to a window (the app:// protocol) or a browser
// (browser mode): one rule for which file a request path names — inside the folder or
// nothing — and one table of content types.
import path from 'node:path';

export const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
};

export function contentTypeOf(file: string): string {
  return CONTENT_TYPES[path.extname(file)] ?? 'application/octet-stream';
}

/**
 * The file under `root` that a URL's (still %-encoded) pathname names, or undefined when
 * it would lie outside `root` (`..`, an encoded `%2e%2e%2f`, a backslash, a NUL byte) or
 * is not a well-formed path. `/` is index.html.
 */
export function confinedFile(root: string, encodedPathname: string): string | undefined {
  let pathname: string;
  try {
    pathname = decodeURIComponent(encodedPathname);
  } catch {
    return undefined; // a malformed %-escape
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return undefined;
  const relative = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '');
  const base = path.resolve(root);
  const file = path.resolve(base, relative);
  return file.startsWith(base + path.sep) ? file : undefined;
}
