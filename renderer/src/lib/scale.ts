// Axis ticks at round numbers (1, 2, 2.5 or 5 × 10^k) covering the data, and a label
// format with just enough digits to tell neighbouring ticks apart.

export interface NiceScale {
  domain: [number, number];
  ticks: number[];
  format: (value: number) => string;
}

const STEPS = [1, 2, 2.5, 5, 10];

export function niceScale(min: number, max: number, count = 5): NiceScale {
  if (!Number.isFinite(min) || !Number.isFinite(max)) return niceScale(0, 1, count);
  if (min > max) [min, max] = [max, min];
  // A range of a few ulps (a raw loss and its EMA differing only by rounding) is no range:
  // a step that small would not move `v` below and the tick loop would never end.
  if (max - min <= Math.max(Math.abs(min), Math.abs(max)) * 1e-12) {
    const pad = Math.abs(min) * 0.1 || 1;
    return niceScale(min - pad, max + pad, count);
  }
  const raw = (max - min) / Math.max(1, count - 1);
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = STEPS.map((s) => s * magnitude).find((s) => s >= raw) ?? 10 * magnitude;
  const lo = Math.floor(min / step) * step;
  const hi = Math.ceil(max / step) * step;
  const ticks: number[] = [];
  // Ticks by index, not by accumulating `v += step`: no drift, and the count is bounded.
  const intervals = Math.round((hi - lo) / step);
  for (let i = 0; i <= intervals; i++) ticks.push(clean(lo + i * step, step));
  return { domain: [ticks[0]!, ticks[ticks.length - 1]!], ticks, format: tickFormat(step, Math.max(Math.abs(lo), Math.abs(hi))) };
}

/** Removes float noise (0.30000000000000004) at the step's precision. */
function clean(value: number, step: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(step)) + 2);
  return Number(value.toFixed(Math.min(20, digits)));
}

function tickFormat(step: number, largest: number): (value: number) => string {
  if (largest !== 0 && largest < 1e-3) {
    // Learning rates: exponent form, with as many digits as the step needs relative to the largest tick.
    const digits = Math.max(0, Math.min(6, Math.floor(Math.log10(largest)) - Math.floor(Math.log10(step)) + (isRound(step) ? 0 : 1)));
    return (v) => (v === 0 ? '0' : v.toExponential(digits));
  }
  const decimals = Math.max(0, Math.min(10, -Math.floor(Math.log10(step)) + (isRound(step) ? 0 : 1)));
  return (v) => v.toFixed(decimals);
}

/** Whether the step is 1, 2 or 5 × 10^k (2.5 needs one more digit). */
function isRound(step: number): boolean {
  const m = step / 10 ** Math.floor(Math.log10(step));
  return Math.abs(m - Math.round(m)) < 1e-9;
}
