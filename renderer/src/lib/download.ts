// Saving text the page made (predictions as CSV / JSONL) as a file: an object URL on a
// temporary link, which browsers and Electron both turn into a download.

export function downloadText(fileName: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL; give it a moment before letting go of it.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** "2026-12-01-6ce14f-reviews.csv" → "reviews"; a name for what is downloaded. */
export function baseName(path: string): string {
  const file = path.split(/[\\/]/).filter(Boolean).pop() ?? 'data';
  return file.replace(/\.[^.]+$/, '') || 'data';
}
