// Token lengths as a step histogram on a numeric axis, with max_seq_length drawn where it cuts.
import { Area, AreaChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { LengthStats } from '../../../../electron/contract';
import { COLORS } from '../../theme/tokens';

export function LengthHistogram({ lengths }: { lengths: LengthStats }) {
  const bins = lengths.histogram;
  if (bins.length === 0) return <p className="empty">No lengths to show.</p>;
  // stepAfter draws each bin from its start to the next point; a closing point ends the last bin.
  const last = bins[bins.length - 1]!;
  const data = [...bins.map((b) => ({ x: b.from, count: b.count })), { x: last.to, count: last.count }];
  const right = Math.max(last.to, Math.ceil(lengths.maxSeqLength * 1.05));
  return (
    <div className="chart" style={{ height: 200 }} data-testid="length-histogram" role="img" aria-label={`Word pieces per example: ${bins.map((b) => `${b.from}–${b.to}: ${b.count}`).join(', ')}; max_seq_length ${lengths.maxSeqLength}`}>
      <ResponsiveContainer width="100%" height="100%">
        <AreaChart data={data} margin={{ top: 16, right: 24, bottom: 16, left: 0 }}>
          <CartesianGrid stroke={COLORS.grid} />
          <XAxis dataKey="x" type="number" domain={[0, right]} tick={{ fontSize: 11 }} label={{ value: 'word pieces per example', position: 'insideBottom', offset: -8, fontSize: 11 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} width={40} />
          <Tooltip labelFormatter={(x) => `from ${x} pieces`} />
          <Area type="stepAfter" dataKey="count" stroke={COLORS.accent} fill={COLORS.accent} fillOpacity={0.25} isAnimationActive={false} />
          <ReferenceLine x={lengths.maxSeqLength} stroke={COLORS.danger} strokeDasharray="4 3" label={{ value: `max_seq_length ${lengths.maxSeqLength}`, position: 'insideTopRight', fontSize: 11, fill: COLORS.danger }} />
        </AreaChart>
      </ResponsiveContainer>
    </div>
  );
}
