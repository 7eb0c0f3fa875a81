// How sure a score measured on n examples is: the Wilson score interval of a proportion
// (Wilson 1927; recommended over the normal "Wald" interval by Newcombe 1998 and by Brown,
// Cai & DasGupta 2001 because it stays inside [0, 1] and keeps its coverage for small n and
// for proportions near 0 or 1 — exactly the small validation sets people need warning of).
//
//   centre    = (p + z²/2n) / (1 + z²/n)
//   halfWidth = z / (1 + z²/n) · sqrt(p(1 − p)/n + z²/4n²)

export interface ProportionInterval {
  /** successes / n */
  value: number;
  n: number;
  low: number;
  high: number;
  /** The confidence level the interval is for, e.g. 0.95. */
  confidence: number;
}

/** z of the two-sided 95% interval. */
const Z_95 = 1.959963984540054;

/** The 95% Wilson interval of `successes` out of `n`; n = 0 gives the whole range [0, 1]. */
export function wilsonInterval(successes: number, n: number): ProportionInterval {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`n must be a whole number >= 0, got ${n}`);
  if (successes < 0 || successes > n) throw new RangeError(`successes must be in 0..${n}, got ${successes}`);
  if (n === 0) return { value: 0, n, low: 0, high: 1, confidence: 0.95 };
  const z = Z_95;
  const p = successes / n;
  const z2n = (z * z) / n;
  const centre = (p + z2n / 2) / (1 + z2n);
  const halfWidth = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  return { value: p, n, low: Math.max(0, centre - halfWidth), high: Math.min(1, centre + halfWidth), confidence: 0.95 };
}

/**
 * Above this half-width (in the metric's own 0..1 units) a score is too uncertain to
 * compare runs by: ±5 points means two runs 5 points apart may not differ at all. A
 * proportion near 0.5 crosses it below about 385 examples.
 */
export const UNCERTAIN_HALF_WIDTH = 0.05;

export function isUncertain(interval: ProportionInterval): boolean {
  return (interval.high - interval.low) / 2 > UNCERTAIN_HALF_WIDTH;
}
