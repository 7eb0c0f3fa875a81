// Counts per category (labels, entity types, answerable/unanswerable) as horizontal bars.
import { Bar, BarChart, CartesianGrid, Cell, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { seriesColor } from '../../lib/highlight';
import { COLORS } from '../../theme/tokens';
import { countsSummary } from '../../lib/chart-text';

export function CountBars({ counts, colors, testId }: { counts: Record<string, number>; colors?: (name: string, i: number) => string; testId?: string }) {
  const data = Object.entries(counts).map(([name, count]) => ({ name, count }));
  if (data.length === 0) return <p className="empty">Nothing to count.</p>;
  const height = Math.max(80, data.length * 28 + 30);
  return (
    <div className="chart" data-testid={testId} style={{ height }} role="img" aria-label={`Counts: ${countsSummary(counts)}`}>
      <ResponsiveContainer width="100%" height="100%">
        <BarChart data={data} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 8 }}>
          <CartesianGrid horizontal={false} stroke={COLORS.grid} />
          <XAxis type="number" allowDecimals={false} tick={{ fontSize: 11 }} />
          <YAxis type="category" dataKey="name" width={110} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Bar dataKey="count" isAnimationActive={false}>
            {data.map((d, i) => (
              <Cell key={d.name} fill={colors ? colors(d.name, i) : seriesColor(0)} />
            ))}
          </Bar>
        </BarChart>
      </ResponsiveContainer>
    </div>
  );
}
