// How far apart two sets of outputs are: every parity check (PyTorch references, exports,
// backends against each other) compares nested arrays of numbers with this one measure.

export function flattenNumbers(value: unknown): number[] {
  return Array.isArray(value) ? (value.flat(Infinity) as number[]) : [value as number];
}

/** The largest |a - b| over two nested arrays of the same shape; Infinity when the shapes differ or a value is NaN. */
export function maxAbsDiff(a: unknown, b: unknown): number {
  const x = flattenNumbers(a);
  const y = flattenNumbers(b);
  if (x.length !== y.length) return Infinity;
  let max = 0;
  for (let i = 0; i < x.length; i++) {
    const d = Math.abs(x[i]! - y[i]!);
    if (!(d <= max)) max = Number.isNaN(d) ? Infinity : d;
  }
  return max;
}
