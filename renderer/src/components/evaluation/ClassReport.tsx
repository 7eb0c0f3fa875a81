// Per-class precision, recall, F1 and support under the label names, with the macro
// average and accuracy, as sklearn's classification_report lays them out.
import type { ClassificationReport } from '../../../../electron/contract';
import { exactCount, metric } from '../../format';

export function ClassReport({ report }: { report: ClassificationReport }) {
  const support = report.per_class.reduce((n, c) => n + c.support, 0);
  return (
    <table className="table report-table" data-testid="per-class-table">
      <thead>
        <tr>
          <th scope="col">Label</th>
          <th scope="col">Precision</th>
          <th scope="col">Recall</th>
          <th scope="col">F1</th>
          <th scope="col">Support</th>
        </tr>
      </thead>
      <tbody>
        {report.per_class.map((c) => (
          <tr key={c.label} data-testid={`class-row-${c.label}`}>
            <th scope="row">{c.label}</th>
            <td className="num">{metric(c.precision)}</td>
            <td className="num">{metric(c.recall)}</td>
            <td className="num">{metric(c.f1)}</td>
            <td className="num">{exactCount(c.support)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">macro avg</th>
          <td className="num">{metric(report.macro.precision)}</td>
          <td className="num">{metric(report.macro.recall)}</td>
          <td className="num">{metric(report.macro.f1)}</td>
          <td className="num">{exactCount(support)}</td>
        </tr>
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
