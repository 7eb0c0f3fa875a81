// seqeval's classification_report: each entity type's precision, recall, F1, gold support
// and how many the model predicted, then the micro, macro and weighted averages.
import type { NerReport } from '../../../../electron/contract';
import { ScoreHeader, ScoreRow } from './ScoreRow';

export function EntityReport({ report }: { report: NerReport }) {
  const totals = [report.gold_entities, report.predicted_entities];
  return (
    <table className="table report-table" data-testid="per-entity-table">
      <ScoreHeader first="Entity type" counts={['Support', 'Predicted']} />
      <tbody>
        {Object.entries(report.per_type).map(([type, s]) => (
          <ScoreRow key={type} name={type} scores={s} counts={[s.support, s.predicted]} testId={`entity-row-${type}`} />
        ))}
      </tbody>
      <tfoot>
        <ScoreRow name="micro avg" scores={report.micro} counts={totals} />
        <ScoreRow name="macro avg" scores={report.macro} counts={totals} />
        <ScoreRow name="weighted avg" scores={report.weighted} counts={totals} />
      </tfoot>
    </table>
  );
}
