// Which preview row a data problem points at (file + line, or a QA record id), so that a
// click on the problem can show the row. Only the first examples are in the preview, so
// most problems in a large file have no row: the list then shows file and line only.
import type { DatasetReport, Problem } from '../../../electron/contract';

export type Split = 'train' | 'validation';

export interface RowRef {
  split: Split;
  index: number;
}

function sameFile(a: string, b: string | undefined): boolean {
  if (!b) return false;
  if (a === b) return true;
  const base = (p: string) => p.split(/[\\/]/).pop();
  return base(a) === base(b);
}

export function problemSplit(report: Pick<DatasetReport, 'files'>, problem: Pick<Problem, 'file'>): Split | undefined {
  if (problem.file === report.files.train) return 'train';
  if (problem.file === report.files.validation) return 'validation';
  if (sameFile(problem.file, report.files.train)) return 'train';
  if (sameFile(problem.file, report.files.validation)) return 'validation';
  return undefined;
}

export function problemRow(report: DatasetReport, problem: Problem): RowRef | undefined {
  const split = problemSplit(report, problem);
  if (!split) return undefined;
  const rows = report.preview[split] as unknown as readonly Record<string, unknown>[];
  const index = rows.findIndex((row) => rowMatches(row, problem));
  return index >= 0 ? { split, index } : undefined;
}

function rowMatches(row: Record<string, unknown>, problem: Problem): boolean {
  if (problem.record !== undefined && row.id === problem.record) return true;
  if (problem.line === undefined || typeof row.line !== 'number') return false;
  // A CoNLL sentence spans one line per token.
  const tokens = Array.isArray(row.tokens) && row.tokenPerLine ? row.tokens.length : 1;
  return problem.line >= row.line && problem.line < row.line + tokens;
}
