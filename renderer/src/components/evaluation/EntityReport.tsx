// seqeval's classification_report: each entity type's precision, recall, F1, gold support
// and how many the model predicted, then the micro, macro and weighted averages.
import type { NerReport } from '../../../../electron/contract';
import { exactCount, metric } from '../../format';

export function EntityReport({ report }: { report: NerReport }) {
  const averages = [
    ['micro avg', report.micro],
    ['macro avg', report.macro],
    ['weighted avg', report.weighted],
  ] as const;
  return (
    <table className="table report-table" data-testid="per-entity-table">
      <thead>
        <tr>
          <th scope="col">Entity type</th>
          <th scope="col">Precision</th>
          <th scope="col">Recall</th>
          <th scope="col">F1</th>
          <th scope="col">Support</th>
          <th scope="col">Predicted</th>
        </tr>
      </thead>
      <tbody>
        {Object.entries(report.per_type).map(([type, s]) => (
          <tr key={type} data-testid={`entity-row-${type}`}>
            <th scope="row">{type}</th>
            <td className="num">{metric(s.precision)}</td>
            <td className="num">{metric(s.recall)}</td>
            <td className="num">{metric(s.f1)}</td>
            <td className="num">{exactCount(s.support)}</td>
            <td className="num">{exactCount(s.predicted)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        {averages.map(([name, s]) => (
          <tr key={name}>
            <th scope="row">{name}</th>
            <td className="num">{metric(s.precision)}</td>
            <td className="num">{metric(s.recall)}</td>
            <td className="num">{metric(s.f1)}</td>
            <td className="num">{exactCount(report.gold_entities)}</td>
            <td className="num">{exactCount(report.predicted_entities)}</td>
          </tr>
        ))}
      </tfoot>
    </table>
  );
}
