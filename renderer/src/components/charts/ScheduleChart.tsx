// The learning rate over the optimizer steps, as the trainer will use it (the service
// samples the curve at its corners and evenly spaced steps).
import { Line, LineChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SchedulePreview } from '../../../../electron/contract';
import { metric } from '../../format';
import { niceScale } from '../../lib/scale';
import { COLORS } from '../../theme/tokens';
import { seriesSummary } from '../../lib/chart-text';

export function ScheduleChart({ schedule }: { schedule: SchedulePreview }) {
  const peak = Math.max(0, ...schedule.points.map((point) => point.learning_rate));
  const y = niceScale(0, peak);
  const data = schedule.points.map((point) => ({ step: point.step, lr: point.learning_rate }));
  return (
    <div className="chart" style={{ height: 180 }} data-testid="schedule-chart" role="img" aria-label={`Learning rate over ${schedule.total_steps} optimizer steps, peak ${metric(peak)}${schedule.warmup_steps > 0 ? `, warmup ends at step ${schedule.warmup_steps}` : ''}: ${seriesSummary([{ name: 'learning rate', points: data.map((d) => ({ x: d.step, y: d.lr })) }], 'step')}`}>
      <ResponsiveContainer width="100%" height="100%">
        <LineChart data={data} margin={{ top: 12, right: 24, bottom: 16, left: 8 }}>
          <CartesianGrid stroke={COLORS.grid} />
          <XAxis dataKey="step" type="number" domain={[0, Math.max(1, schedule.total_steps - 1)]} tick={{ fontSize: 11 }} label={{ value: 'optimizer step', position: 'insideBottom', offset: -8, fontSize: 11 }} />
          <YAxis tickFormatter={y.format} ticks={y.ticks} domain={y.domain} interval={0} tick={{ fontSize: 11 }} width={56} />
          <Tooltip formatter={(v: number) => metric(v)} labelFormatter={(s) => `step ${s}`} />
          {schedule.warmup_steps > 0 && <ReferenceLine x={schedule.warmup_steps} stroke={COLORS.muted} strokeDasharray="3 3" label={{ value: 'warmup ends', position: 'top', fontSize: 11 }} />}
          <Line type="linear" dataKey="lr" stroke={COLORS.accent} dot={false} isAnimationActive={false} />
        </LineChart>
      </ResponsiveContainer>
    </div>
  );
}
