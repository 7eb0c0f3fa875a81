// Final evaluation per run: the best value per column marked, deltas against the baseline.
import type { RunRecord } from '../../../../electron/contract';
import { metric, signedMetric } from '../../format';
import { metricTable } from '../../lib/best-values';
import { seriesColor } from '../../lib/highlight';

export function MetricsTable({ runs, metrics, baseline }: { runs: RunRecord[]; metrics: Record<string, number>[]; baseline: number }) {
  const table = metricTable(metrics, baseline);
  if (table.columns.length === 0) return <p className="empty">No run has evaluation metrics yet.</p>;
  return (
    <table className="table compare-table" data-testid="compare-metrics">
      <thead>
        <tr>
          <th scope="col">Run</th>
          {table.columns.map((c) => (
            <th scope="col" key={c}>
              {c.replace(/^eval_/, '')}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {runs.map((run, r) => (
          <tr key={run.id} className={r === baseline ? 'baseline-row' : undefined}>
            <th scope="row">
              <span className="swatch" style={{ background: seriesColor(r) }} /> {run.name}
              {r === baseline && <span className="tag">baseline</span>}
            </th>
            {table.rows[r]!.map((cell, c) => (
              <td key={table.columns[c]} className={cell.best ? 'num best' : 'num'} data-best={cell.best || undefined}>
                {metric(cell.value)}
                {cell.best && (
                  <span className="best-mark" aria-label="best">
                    {' '}
                    ★
                  </span>
                )}
                {cell.delta !== undefined && <span className={cell.better === undefined ? 'delta' : cell.better ? 'delta delta-better' : 'delta delta-worse'}>{signedMetric(cell.delta)}</span>}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
