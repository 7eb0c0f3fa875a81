// TensorBoard's scalar smoothing: an exponential moving average, debiased so the first
// points are not pulled towards zero (tensorboard/webapp/widgets/line_chart_v2/lib/data_transformer).

/**
 * `weight` in [0, 1): 0 returns the values as they are, 0.99 is very smooth. Non-finite
 * values pass through unsmoothed and do not disturb the average.
 */
export function emaSmooth(values: readonly number[], weight: number): number[] {
  const w = Math.min(Math.max(weight, 0), 0.999);
  let last = 0;
  let steps = 0;
  return values.map((value) => {
    if (!Number.isFinite(value)) return value;
    last = last * w + (1 - w) * value;
    steps++;
    const debias = w === 0 ? 1 : 1 - w ** steps;
    return last / debias;
  });
}
