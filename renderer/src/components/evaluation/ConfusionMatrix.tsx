// The confusion matrix under the model's label names, rows gold and columns predicted
// (sklearn's orientation); each cell is a button that shows its examples in the viewer.
// A cell's shade is its share of the row, so a class's errors stand out whatever its size.
import type { ClassificationReport } from '../../../../electron/contract';
import { exactCount, percent } from '../../format';

export function ConfusionMatrix({ report, onCell, selected }: { report: ClassificationReport; onCell: (gold: string, predicted: string) => void; selected?: { gold?: string; predicted?: string } }) {
  const { labels, confusion_matrix: matrix } = report;
  return (
    <div className="matrix-scroll">
      <table className="confusion" data-testid="confusion-matrix">
        <caption className="hint">Rows: gold label · columns: predicted label · click a cell to see its examples</caption>
        <thead>
          <tr>
            <th scope="col" className="corner">
              gold / predicted
            </th>
            {labels.map((label) => (
              <th scope="col" key={label} title={label}>
                {label}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {matrix.map((row, g) => {
            const total = row.reduce((a, b) => a + b, 0);
            const gold = labels[g] ?? String(g);
            return (
              <tr key={gold}>
                <th scope="row" title={gold}>
                  {gold}
                </th>
                {row.map((count, p) => {
                  const predicted = labels[p] ?? String(p);
                  const share = total === 0 ? 0 : count / total;
                  const isSelected = selected?.gold === gold && selected?.predicted === predicted;
                  const tone = g === p ? 'cell-right' : 'cell-wrong';
                  return (
                    <td key={predicted}>
                      <button
                        type="button"
                        className={`cell ${tone}${isSelected ? ' cell-selected' : ''}`}
                        style={{ ['--share' as string]: share.toFixed(3) }}
                        onClick={() => onCell(gold, predicted)}
                        disabled={count === 0}
                        aria-pressed={isSelected}
                        aria-label={`gold ${gold}, predicted ${predicted}: ${count} examples (${percent(share)} of ${gold})`}
                        data-testid={`confusion-cell-${g}-${p}`}
                      >
                        {exactCount(count)}
                        <span className="cell-share">{percent(share)}</span>
                      </button>
                    </td>
                  );
                })}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
