// The Node edge of datasets: files on disk as byte streams, with progress. Everything
// else in datasets/ is platform-neutral and reads ByteSources.
import { statSync, type ReadStream } from 'node:fs';
import { basename } from 'node:path';
import type { ByteSource } from './source';
import { loadDataset, type Dataset, type LoadRequest } from './load';
import type { Task } from './types';
import { openRegularFile } from './regular-file-node';

export interface ReadProgress {
  file: string;
  bytesRead: number;
  /** Undefined when the size cannot be known (a pipe). */
  totalBytes?: number;
}

export interface FileSourceOptions {
  /** Called after every chunk; chunks are `chunkSize` bytes. */
  onProgress?: (progress: ReadProgress) => void;
  chunkSize?: number;
  /** Name shown in problems; default the path as given. */
  name?: string;
}

const DEFAULT_CHUNK_SIZE = 1024 * 1024;

export function fileSource(path: string, options: FileSourceOptions = {}): ByteSource {
  const name = options.name ?? path;
  const size = fileSize(path);
  const source: ByteSource = {
    name,
    async *chunks() {
      let bytesRead = 0;
      let stream: ReadStream | undefined;
      try {
        const handle = await openRegularFile(path);
        stream = handle.createReadStream({ highWaterMark: options.chunkSize ?? DEFAULT_CHUNK_SIZE });
        for await (const chunk of stream as AsyncIterable<Buffer>) {
          bytesRead += chunk.length;
          options.onProgress?.({ file: name, bytesRead, totalBytes: size });
          yield chunk;
        }
      } catch (error) {
        throw new Error(describeFsError(error, path));
      } finally {
        stream?.destroy();
      }
    },
  };
  if (size !== undefined) source.size = size;
  return source;
}

export interface DatasetPaths {
  train: string;
  validation?: string;
}

export type LoadFilesOptions<T extends Task> = Omit<LoadRequest<T>, 'task' | 'train' | 'validation'> & {
  onProgress?: (progress: ReadProgress) => void;
};

/** Loads a data set from files; problems name the files as given. */
export function loadDatasetFiles<T extends Task>(task: T, paths: DatasetPaths, options: LoadFilesOptions<T> = {}): Promise<Dataset<T>> {
  const { onProgress, ...rest } = options;
  const open = (path: string) => fileSource(path, onProgress ? { onProgress } : {});
  const request: LoadRequest<T> = { ...rest, task, train: open(paths.train) };
  if (paths.validation !== undefined) request.validation = open(paths.validation);
  return loadDataset(request);
}

function fileSize(path: string): number | undefined {
  try {
    return statSync(path).size;
  } catch {
    return undefined; // reported when reading fails, with the reason
  }
}

/** Node's "ENOENT: no such file or directory, open '…'" → "no such file". */
function describeFsError(error: unknown, path: string): string {
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return `no such file: ${path}`;
    case 'EISDIR':
      return `${path} is a folder, not a file`;
    case 'EACCES':
    case 'EPERM':
      return `no permission to read ${basename(path)}`;
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
