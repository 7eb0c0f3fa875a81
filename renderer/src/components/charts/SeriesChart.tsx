// Line series against a numeric x axis (step, epoch or seconds): the one chart the run
// view and Compare draw all their curves with.
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { metric } from '../../format';
import { mergeSeries, type Point, type XAxisKey } from '../../lib/metrics';
import { niceScale, type NiceScale } from '../../lib/scale';
import { COLORS } from '../../theme/tokens';
import { seriesSummary } from '../../lib/chart-text';

export interface Series {
  name: string;
  color: string;
  points: Point[];
  /** Thin and faint: the raw curve behind a smoothed one. */
  faint?: boolean;
  dashed?: boolean;
  /** Eval points are sparse: draw dots so a single evaluation shows. */
  dots?: boolean;
}

export const AXIS_LABELS: Record<XAxisKey, string> = { step: 'step', epoch: 'epoch', elapsed_s: 'wall time (s)' };

export function SeriesChart({ series, x = 'step', height = 220, testId, legend }: { series: Series[]; x?: XAxisKey; height?: number; testId?: string; legend?: boolean }) {
  const data = mergeSeries(series.map((s) => s.points));
  const points = series.reduce((n, s) => n + s.points.length, 0);
  const showLegend = legend ?? series.filter((s) => !s.faint).length > 1;
  const y = yScale(series);
  return (
    <div className="chart" style={{ height }} data-testid={testId} data-points={points} role="img" aria-label={`Chart against ${AXIS_LABELS[x]}: ${seriesSummary(series.filter((s) => !s.faint), AXIS_LABELS[x])}`}>
      {points === 0 ? (
        <p className="empty chart-empty">No points yet.</p>
      ) : (
        <ResponsiveContainer width="100%" height="100%">
          <LineChart data={data} margin={{ top: 8, right: 24, bottom: 18, left: 8 }}>
            <CartesianGrid stroke={COLORS.grid} />
            <XAxis dataKey="x" type="number" domain={['dataMin', 'dataMax']} allowDecimals={x !== 'step'} tickFormatter={(v: number) => metric(v)} tick={{ fontSize: 11 }} label={{ value: AXIS_LABELS[x], position: 'insideBottom', offset: -10, fontSize: 11 }} />
            <YAxis tickFormatter={y.format} ticks={y.ticks} domain={y.domain} tick={{ fontSize: 11 }} width={60} interval={0} />
            <Tooltip formatter={(v: number) => metric(v)} labelFormatter={(v: number) => `${AXIS_LABELS[x]} ${metric(v)}`} />
            {showLegend && <Legend verticalAlign="top" height={24} wrapperStyle={{ fontSize: 12 }} />}
            {series.map((s, i) => (
              <Line
                key={`${s.name}-${i}`}
                dataKey={`s${i}`}
                name={s.name}
                stroke={s.color}
                strokeWidth={s.faint ? 1 : 2}
                strokeOpacity={s.faint ? 0.35 : 1}
                strokeDasharray={s.dashed ? '5 4' : undefined}
                dot={s.dots ? { r: 3 } : false}
                connectNulls
                isAnimationActive={false}
                legendType={s.faint ? 'none' : 'line'}
              />
            ))}
          </LineChart>
        </ResponsiveContainer>
      )}
    </div>
  );
}

/** Round-number ticks over all points of all series. */
function yScale(series: Series[]): NiceScale {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of series) for (const p of s.points) (lo = Math.min(lo, p.y)), (hi = Math.max(hi, p.y));
  return niceScale(lo, hi);
}
