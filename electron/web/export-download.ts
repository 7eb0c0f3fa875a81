// Browser mode's "Download .zip" of an export folder (EXPORT_DOWNLOAD_ROUTE): the page's
// access token in the query like the WebSocket's, the folder checked against the run's
// exports (ExportFolders), then the zip streamed. Errors are one line of plain text.
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import type { ExportFolders } from '../runs/export-folders';
import { writeFolderZip, zippableFiles } from '../runs/export-zip';

export interface ExportDownloads {
  folders: Pick<ExportFolders, 'resolve'>;
}

function fail(response: ServerResponse, status: number, message: string): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' }).end(message + '\n');
}

/** A file name for the archive: run and folder, in characters every file system takes. */
function archiveName(runId: string, dir: string): string {
  return `${runId}-${path.basename(dir)}.zip`.replace(/[^\w.-]+/g, '_');
}

export async function serveExportDownload(request: IncomingMessage, response: ServerResponse, url: URL, downloads: ExportDownloads): Promise<void> {
  if (request.method !== 'GET') return fail(response, 405, 'use GET');
  const runId = url.searchParams.get('run');
  const folder = url.searchParams.get('path');
  if (!runId || !folder) return fail(response, 400, 'the download needs the run and path query parameters');
  let dir: string;
  let files: { name: string; size: number }[];
  try {
    dir = await downloads.folders.resolve(runId, folder);
    files = await zippableFiles(dir);
  } catch (error) {
    return fail(response, 404, error instanceof Error ? error.message : String(error));
  }
  response.writeHead(200, {
    'content-type': 'application/zip',
    'content-disposition': `attachment; filename="${archiveName(runId, dir)}"`,
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
  });
  try {
    await writeFolderZip(dir, files, response);
  } catch {
    // Headers are sent: a broken stream is all that can tell the browser the download failed.
    response.destroy();
  }
}
