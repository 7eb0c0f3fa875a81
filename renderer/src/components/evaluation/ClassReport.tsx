// Per-class precision, recall, F1 and support under the label names, with the macro
// average and accuracy, as sklearn's classification_report lays them out.
import type { ClassificationReport } from '../../../../electron/contract';
import { exactCount, metric } from '../../format';
import { ScoreHeader, ScoreRow } from './ScoreRow';

export function ClassReport({ report }: { report: ClassificationReport }) {
  const support = report.per_class.reduce((n, c) => n + c.support, 0);
  return (
    <table className="table report-table" data-testid="per-class-table">
      <ScoreHeader first="Label" counts={['Support']} />
      <tbody>
        {report.per_class.map((c) => (
          <ScoreRow key={c.label} name={c.label} scores={c} counts={[c.support]} testId={`class-row-${c.label}`} />
        ))}
      </tbody>
      <tfoot>
        <ScoreRow name="macro avg" scores={report.macro} counts={[support]} />
        <tr>
          <th scope="row">accuracy</th>
          <td className="num" colSpan={3}>
            {metric(report.accuracy.value)}
          </td>
          <td className="num">{exactCount(report.accuracy.n)}</td>
        </tr>
      </tfoot>
    </table>
  );
}
