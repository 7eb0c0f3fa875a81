// One line about a data set: task, formats, sizes, validation source, labels, and whether a run can start on it.
import type { DatasetReport, LengthStats } from '../../../../electron/contract';
import { exactCount, percent } from '../../format';

const VALIDATION_FROM = { file: 'from the validation file', split: 'split off the training file', none: 'none (no evaluation)' } as const;

export function exampleCount(report: DatasetReport, split: 'train' | 'validation'): number {
  switch (report.task) {
    case 'classification':
      return report.stats[split].examples;
    case 'ner':
      return report.stats[split].sentences;
    case 'qa':
      return report.stats[split].questions;
    case 'mlm':
      return report.stats[split].documents;
  }
}

/** "median 11, longest 52, 0 over max_seq_length 128 · " for the training split. */
function tokenLine(report: DatasetReport): string {
  const lengths = (report.stats.train as { lengths?: LengthStats }).lengths;
  if (!lengths) return '';
  return `median ${lengths.median}, longest ${lengths.max}, ${exactCount(lengths.overMax)} over max_seq_length ${lengths.maxSeqLength} · `;
}

export function ReportSummary({ report }: { report: DatasetReport }) {
  const errors = report.problems.filter((p) => p.severity === 'error').length;
  const warnings = report.problems.length - errors;
  return (
    <dl className="facts" data-testid="report-summary">
      <dt>Status</dt>
      <dd>
        {report.valid ? (
          <span className="ok" data-testid="report-valid">
            Ready to train
          </span>
        ) : (
          <span className="warn-text" data-testid="report-invalid">
            {errors} {errors === 1 ? 'error' : 'errors'} to fix before training
          </span>
        )}
        {warnings > 0 && <span className="hint"> · {warnings} warnings</span>}
      </dd>
      <dt>{report.task === 'mlm' ? 'Documents' : 'Examples'}</dt>
      <dd data-testid="report-counts">
        train {exactCount(exampleCount(report, 'train'))} · validation {exactCount(exampleCount(report, 'validation'))} <span className="hint">({VALIDATION_FROM[report.validationFrom]})</span>
      </dd>
      <dt>Format</dt>
      <dd>{[report.formats.train, report.formats.validation].filter(Boolean).join(' / ') || '—'}</dd>
      {report.task === 'mlm' && report.stats.train.tokens !== undefined && (
        <>
          <dt>Word pieces</dt>
          <dd data-testid="report-unk">
            {exactCount(report.stats.train.tokens)}, of which {percent(report.stats.train.unknownRate ?? 0, 2)} [UNK] under this vocabulary
          </dd>
        </>
      )}
      {report.tokenizer && (
        <>
          <dt>Tokens</dt>
          <dd data-testid="counted-with">
            {tokenLine(report)}counted with {report.tokenizer}
          </dd>
        </>
      )}
      {report.labels.length > 0 && (
        <>
          <dt>Labels</dt>
          <dd className="label-list">{report.labels.join(', ')}</dd>
        </>
      )}
    </dl>
  );
}
