// Errors and warnings with file and line; a problem whose row is in the preview is a button that shows the row.
import type { DatasetReport, Problem } from '../../../../electron/contract';
import { useDatasetName } from './DatasetName';
import { problemRow, type RowRef } from '../../lib/problem-row';

function where(p: Problem, name: (path: string) => string): string {
  let text = name(p.file);
  if (p.line !== undefined) text += `:${p.line}`;
  if (p.record !== undefined) text += ` (record ${p.record})`;
  if (p.field !== undefined) text += ` [${p.field}]`;
  return text;
}

export function ProblemList({ report, onShowRow }: { report: DatasetReport; onShowRow: (row: RowRef) => void }) {
  const name = useDatasetName();
  if (report.problems.length === 0) return <p className="ok" data-testid="no-problems">No errors or warnings.</p>;
  return (
    <ul className="problems" data-testid="problems">
      {report.problems.map((p, i) => {
        const row = problemRow(report, p);
        const content = (
          <>
            <span className={`sev sev-${p.severity}`}>{p.severity}</span>
            <code className="where">{where(p, name)}</code>
            <span>{p.message}</span>
          </>
        );
        return (
          <li key={i} data-testid={`problem-${p.severity}`}>
            {row ? (
              <button type="button" className="problem-link" onClick={() => onShowRow(row)} title="Show the row in the preview">
                {content}
              </button>
            ) : (
              <div className="problem-plain">{content}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
