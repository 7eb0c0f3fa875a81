// What an evaluation found, by task: the uncertainty of its headline score, then the
// confusion matrix and per-class table, the per-entity report, or the SQuAD v2 split.
import type { EvaluationReport } from '../../../../electron/contract';
import type { PredictionFilter } from '../../lib/predictions';
import { ClassReport } from './ClassReport';
import { ConfusionMatrix } from './ConfusionMatrix';
import { EntityReport } from './EntityReport';
import { QaReport } from './QaReport';
import { UncertaintyNote } from './UncertaintyNote';

export function EvaluationReportView({ report, filter, onCell }: { report: EvaluationReport; filter: PredictionFilter; onCell: (gold: string, predicted: string) => void }) {
  return (
    <div className="report" data-testid="evaluation-report">
      <UncertaintyNote report={report} />
      {report.task === 'classification' && (
        <div className="report-grid">
          <div>
            <h3>Confusion matrix</h3>
            <ConfusionMatrix report={report} onCell={onCell} selected={filter} />
          </div>
          <div>
            <h3>Per class</h3>
            <ClassReport report={report} />
            {report.baseline && (
              <p className="hint" data-testid="baseline-note">
                Majority-class baseline: always “{report.baseline.label}” scores accuracy {report.baseline.accuracy.toFixed(3)} here.
              </p>
            )}
          </div>
        </div>
      )}
      {report.task === 'ner' && <EntityReport report={report} />}
      {report.task === 'qa' && <QaReport report={report} />}
    </div>
  );
}
