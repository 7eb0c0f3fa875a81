// File-system failures as sentences that name the file. A full disk in particular must
// say so ("disk full") wherever it surfaces — a run's log, its page, the CLI — rather than
// Node's bare "ENOSPC: no space left on device, write".

/** The error codes of a file system that has no room left (EDQUOT: the user's quota is used up). */
const DISK_FULL_CODES = new Set(['ENOSPC', 'EDQUOT']);

export function isDiskFull(error: unknown): boolean {
  return DISK_FULL_CODES.has(String((error as { code?: unknown } | null)?.code));
}

export class DiskFullError extends Error {
  override name = 'DiskFullError';
  readonly code = 'ENOSPC';
  constructor(readonly file: string) {
    super(`disk full: no space left to write ${file}; free some space, then resume`);
  }
}

/** Rethrows a disk-full failure as a DiskFullError naming `file`; other errors pass through unchanged. */
export function namingFile(error: unknown, file: string): unknown {
  if (error instanceof DiskFullError) return error;
  return isDiskFull(error) ? new DiskFullError(file) : error;
}
