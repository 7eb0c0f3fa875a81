// Counts with their shares, most common first: "PER 1,842 (31.0%)". The bars show the
// shape; these say how many there are to learn from.
import { exactCount, percent } from '../../format';

export function CountTable({ counts, what, testId }: { counts: Record<string, number>; what: string; testId?: string }) {
  const rows = Object.entries(counts).sort((a, b) => b[1] - a[1]);
  const total = rows.reduce((sum, [, n]) => sum + n, 0);
  if (rows.length === 0) return null;
  return (
    <table className="table count-table" data-testid={testId}>
      <thead>
        <tr>
          <th scope="col">{what}</th>
          <th scope="col">count</th>
          <th scope="col">share</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([name, n]) => (
          <tr key={name}>
            <td className="count-name">{name}</td>
            <td className="num">{exactCount(n)}</td>
            <td className="num">{percent(total === 0 ? 0 : n / total, 1)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">all</th>
          <td className="num">{exactCount(total)}</td>
          <td className="num">100%</td>
        </tr>
      </tfoot>
    </table>
  );
}
