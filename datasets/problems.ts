// Problems with a data set are data, not exceptions: every parser and validator reports
// into a ProblemLog, and the UI and the CLI decide how to show them. Each problem says
// where it is (file, line or record, field) so that a person can open the file and fix it.

export type Severity = 'error' | 'warning';

export interface Problem {
  severity: Severity;
  /** A stable identifier of the failure mode (`empty-text`, `not-utf8`, ...), for the UI and tests. */
  code: string;
  file: string;
  /** 1-based line in the file where the problem starts. */
  line?: number;
  /** The record when lines do not identify it, e.g. a SQuAD question id. */
  record?: string;
  /** The column or JSON field. */
  field?: string;
  message: string;
}

export type ProblemWhere = Pick<Problem, 'line' | 'record' | 'field'>;

/**
 * Collects problems for one load. A broken 70k-row file would otherwise produce 70k copies
 * of the same message, so each (file, code) keeps its first few occurrences and the rest
 * are counted into one summary line.
 */
export class ProblemLog {
  private readonly kept: Problem[] = [];
  private readonly seen = new Map<string, { first: Problem; count: number }>();

  constructor(readonly maxPerKind = 10) {}

  error(file: string, code: string, message: string, where: ProblemWhere = {}): void {
    this.add({ severity: 'error', code, file, ...where, message });
  }

  warning(file: string, code: string, message: string, where: ProblemWhere = {}): void {
    this.add({ severity: 'warning', code, file, ...where, message });
  }

  add(problem: Problem): void {
    const key = `${problem.severity}\u0000${problem.file}\u0000${problem.code}`;
    const entry = this.seen.get(key);
    if (entry) entry.count++;
    else this.seen.set(key, { first: problem, count: 1 });
    if (!entry || entry.count <= this.maxPerKind) this.kept.push(problem);
  }

  get hasErrors(): boolean {
    return this.kept.some((p) => p.severity === 'error');
  }

  /** Whether `file` has any error, e.g. to skip checks that need a parsed file. */
  hasErrorsIn(file: string): boolean {
    return this.kept.some((p) => p.severity === 'error' && p.file === file);
  }

  /** Errors first, then warnings; each in the order found, plus one line per truncated kind. */
  list(): Problem[] {
    const summaries: Problem[] = [];
    for (const { first, count } of this.seen.values()) {
      if (count <= this.maxPerKind) continue;
      const { line: _line, record: _record, field: _field, ...rest } = first;
      summaries.push({ ...rest, message: `…and ${count - this.maxPerKind} more like this (${first.code})` });
    }
    const all = [...this.kept, ...summaries];
    return [...all.filter((p) => p.severity === 'error'), ...all.filter((p) => p.severity === 'warning')];
  }
}

/** "error: file:12 (field): message" — how the CLI and logs print a problem. */
export function formatProblem(problem: Problem): string {
  return `${problem.severity}: ${describeProblem(problem)}`;
}

/** "file:12 (field): message": a problem where its severity is said otherwise (a run log's warning lines). */
export function describeProblem(problem: Problem): string {
  let where = problem.file;
  if (problem.line !== undefined) where += `:${problem.line}`;
  const details = [problem.record !== undefined ? `record ${problem.record}` : '', problem.field !== undefined ? `field "${problem.field}"` : '']
    .filter(Boolean)
    .join(', ');
  return `${where}${details ? ` (${details})` : ''}: ${problem.message}`;
}
