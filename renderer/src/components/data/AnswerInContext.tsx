// A QA context with the answer span highlighted; an unanswerable question says so.
import { Fragment } from 'react';
import { segmentText } from '../../lib/highlight';

export function AnswerInContext({ context, answer, testId }: { context: string; answer: { start: number; end: number } | null; testId?: string }) {
  const segments = segmentText(context, answer ? [{ start: answer.start, end: answer.end, mark: true }] : []);
  return (
    <p className="context" data-testid={testId}>
      {segments.map((s, i) =>
        s.mark ? (
          <mark key={i} className="answer" data-testid="answer-span">
            {s.text}
          </mark>
        ) : (
          <Fragment key={i}>{s.text}</Fragment>
        ),
      )}
    </p>
  );
}
