// SQuAD v2's report: exact match and F1 over all questions, the answerable (HasAns) and
// unanswerable (NoAns) ones apart — "always no answer" scores well on a set that is half
// unanswerable, and only the split shows it — and the no-answer threshold that would
// have scored best.
import type { QaReport as QaReportData } from '../../../../electron/contract';
import { exactCount, metric } from '../../format';

export function QaReport({ report }: { report: QaReportData }) {
  const rows = [
    ['All questions', { exact: report.exact_match, f1: report.f1, total: report.questions }],
    ...(report.HasAns ? [['Answerable (HasAns)', report.HasAns] as const] : []),
    ...(report.NoAns ? [['Unanswerable (NoAns)', report.NoAns] as const] : []),
  ] as const;
  const best = report.best;
  return (
    <div className="qa-report">
      <table className="table report-table" data-testid="qa-split-table">
        <thead>
          <tr>
            <th scope="col">Questions</th>
            <th scope="col">Exact match</th>
            <th scope="col">F1</th>
            <th scope="col">Count</th>
          </tr>
        </thead>
        <tbody>
          {rows.map(([name, split]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td className="num">{metric(split.exact)}</td>
              <td className="num">{metric(split.f1)}</td>
              <td className="num">{exactCount(split.total)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {report.HasAns && report.NoAns && report.HasAns.f1 < 1 && report.NoAns.f1 > 99 && (
        <p className="warn-text" data-testid="qa-always-no-answer">
          The model answers “no answer” to nearly everything: its score comes from the unanswerable questions ({exactCount(report.NoAns.total)} of {exactCount(report.questions)}).
        </p>
      )}
      {best && (
        <p className="hint" data-testid="qa-best-threshold">
          Best no-answer threshold: F1 {metric(best.best_f1)} at {metric(best.best_f1_thresh)}, exact match {metric(best.best_exact)} at {metric(best.best_exact_thresh)} (“no answer” when the [CLS] score minus the best span’s is above the threshold; these
          numbers use 0).
        </p>
      )}
    </div>
  );
}
