// The first examples of a split as the task sees them: text/pair/label, tagged words, or
// question with the answer marked in its context. A row can be pointed at (a problem clicked).
import { useEffect, useRef, type ReactNode } from 'react';
import type { ClassificationExample, CorpusDocument, DatasetReport, NerExample, QaExample } from '../../../../electron/contract';
import { entityTypes } from '../../lib/highlight';
import type { Split } from '../../lib/problem-row';
import { AnswerInContext } from './AnswerInContext';
import { EntityLegend, TaggedWords } from './EntityText';

interface Props {
  report: DatasetReport;
  split: Split;
  focusIndex?: number;
}

function useFocusRow(focusIndex: number | undefined) {
  const table = useRef<HTMLTableSectionElement>(null);
  useEffect(() => {
    if (focusIndex === undefined) return;
    const row = table.current?.querySelector<HTMLElement>(`[data-row="${focusIndex}"]`);
    row?.scrollIntoView({ block: 'center' });
    row?.focus();
  }, [focusIndex]);
  return table;
}

const rowProps = (i: number, focusIndex: number | undefined) => ({
  'data-row': i,
  'data-testid': `preview-row-${i}`,
  tabIndex: -1,
  className: i === focusIndex ? 'row-focus' : undefined,
});

function ClassificationRows({ rows, focusIndex }: { rows: ClassificationExample[]; focusIndex?: number }) {
  const body = useFocusRow(focusIndex);
  const pairs = rows.some((r) => r.textPair !== undefined);
  return (
    <table className="table preview">
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col">Text</th>
          {pairs && <th scope="col">Pair</th>}
          <th scope="col">Label</th>
        </tr>
      </thead>
      <tbody ref={body}>
        {rows.map((r, i) => (
          <tr key={i} {...rowProps(i, focusIndex)}>
            <td className="num">{r.line}</td>
            <td>{r.text}</td>
            {pairs && <td>{r.textPair ?? ''}</td>}
            <td>
              <span className="tag">{r.label}</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** A table of examples that each start on a line of the file: the line, then one cell of content. */
function LinedRows<T extends { line: number }>({ rows, focusIndex, heading, cell }: { rows: T[]; focusIndex?: number; heading: string; cell: (row: T) => ReactNode }) {
  const body = useFocusRow(focusIndex);
  return (
    <table className="table preview">
      <thead>
        <tr>
          <th scope="col">Line</th>
          <th scope="col">{heading}</th>
        </tr>
      </thead>
      <tbody ref={body}>
        {rows.map((r, i) => (
          <tr key={i} {...rowProps(i, focusIndex)}>
            <td className="num">{r.line}</td>
            <td>{cell(r)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function NerRows({ rows, labels, focusIndex }: { rows: NerExample[]; labels: string[]; focusIndex?: number }) {
  const types = entityTypes(labels);
  return (
    <>
      <EntityLegend types={types} />
      <LinedRows rows={rows} focusIndex={focusIndex} heading="Sentence" cell={(r) => <TaggedWords tokens={r.tokens} tags={r.tags} types={types} />} />
    </>
  );
}

function QaRows({ rows, focusIndex }: { rows: QaExample[]; focusIndex?: number }) {
  const body = useFocusRow(focusIndex);
  return (
    <table className="table preview">
      <thead>
        <tr>
          <th scope="col">Question</th>
          <th scope="col">Context and answer</th>
        </tr>
      </thead>
      <tbody ref={body}>
        {rows.map((r, i) => {
          const answer = r.answers[0];
          return (
            <tr key={i} {...rowProps(i, focusIndex)}>
              <td className="qa-question">
                {r.question}
                <div className="hint">{r.id}</div>
                {r.isImpossible ? (
                  <span className="tag tag-warn" data-testid="unanswerable">
                    unanswerable
                  </span>
                ) : (
                  <div className="hint">answer: “{answer?.text}”</div>
                )}
              </td>
              <td>
                <AnswerInContext context={r.context} answer={answer ? { start: answer.start, end: answer.start + answer.text.length } : null} />
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function CorpusRows({ rows, focusIndex }: { rows: CorpusDocument[]; focusIndex?: number }) {
  return <LinedRows rows={rows} focusIndex={focusIndex} heading="Document (one sentence a line)" cell={(r) => r.sentences.map((sentence, k) => <div key={k}>{sentence}</div>)} />;
}

export function PreviewTable({ report, split, focusIndex }: Props) {
  if (report.preview[split].length === 0) return <p className="empty">No {split} examples to preview.</p>;
  switch (report.task) {
    case 'classification':
      return <ClassificationRows rows={report.preview[split]} focusIndex={focusIndex} />;
    case 'ner':
      return <NerRows rows={report.preview[split]} labels={report.labels} focusIndex={focusIndex} />;
    case 'qa':
      return <QaRows rows={report.preview[split]} focusIndex={focusIndex} />;
    case 'mlm':
      return <CorpusRows rows={report.preview[split]} focusIndex={focusIndex} />;
  }
}
