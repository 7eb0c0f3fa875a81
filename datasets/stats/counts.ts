// Counting helpers shared by the task statistics and checks.

/** Occurrences of each key, in first-seen order. */
export function countBy<T>(items: Iterable<T>, key: (item: T) => string): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const item of items) {
    const k = key(item);
    counts[k] = (counts[k] ?? 0) + 1;
  }
  return counts;
}

/**
 * Labels in a stable order: numerically when all are integers ("0", "1", "10"), else
 * alphabetically. Integers compare exactly (as BigInt): 2^53 + 1 is not 2^53.
 */
export function sortLabels(labels: Iterable<string>): string[] {
  const unique = [...new Set(labels)];
  const numeric = unique.every((l) => /^-?\d+$/.test(l));
  return numeric ? unique.sort((a, b) => compareIntegers(BigInt(a), BigInt(b))) : unique.sort();
}

function compareIntegers(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function share(part: number, whole: number): string {
  return whole === 0 ? '0%' : `${((100 * part) / whole).toFixed(part / whole < 0.1 ? 1 : 0)}%`;
}
