// Token-length statistics and the histogram the UI draws, with the count of examples that
// max_seq_length would truncate: the number that decides whether to raise it.

export interface HistogramBin {
  /** Inclusive. */
  from: number;
  /** Exclusive. */
  to: number;
  count: number;
}

export interface LengthStats {
  count: number;
  min: number;
  max: number;
  mean: number;
  median: number;
  p95: number;
  maxSeqLength: number;
  /** Examples longer than maxSeqLength (truncated, or split into windows for QA). */
  overMax: number;
  histogram: HistogramBin[];
}

const MAX_BINS = 32;

export function lengthStats(lengths: readonly number[], maxSeqLength: number): LengthStats {
  const sorted = [...lengths].sort((a, b) => a - b);
  const count = sorted.length;
  const max = sorted[count - 1] ?? 0;
  const quantile = (q: number) => sorted[Math.min(count - 1, Math.floor(q * count))] ?? 0;
  return {
    count,
    min: sorted[0] ?? 0,
    max,
    mean: count ? sorted.reduce((sum, n) => sum + n, 0) / count : 0,
    median: quantile(0.5),
    p95: quantile(0.95),
    maxSeqLength,
    overMax: count - upperBound(sorted, maxSeqLength),
    histogram: histogram(sorted, max),
  };
}

/** Power-of-two bin widths: they divide the usual max_seq_length values (128, 256, 384, 512), so the limit falls on a bin edge. */
function histogram(sorted: readonly number[], max: number): HistogramBin[] {
  let width = 1;
  while (Math.ceil((max + 1) / width) > MAX_BINS) width *= 2;
  const bins: HistogramBin[] = [];
  for (let from = 0; from <= max; from += width) bins.push({ from, to: from + width, count: 0 });
  for (const length of sorted) bins[Math.floor(length / width)]!.count++;
  return bins;
}

/** Number of elements ≤ value in a sorted array. */
function upperBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
