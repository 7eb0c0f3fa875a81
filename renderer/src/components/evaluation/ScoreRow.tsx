// One row of a precision / recall / F1 report (a class, an entity type, an average), then its counts.
import type { ReactNode } from 'react';
import { exactCount, metric } from '../../format';

export interface Scores {
  precision: number;
  recall: number;
  f1: number;
}

export function ScoreRow({ name, scores, counts, testId }: { name: ReactNode; scores: Scores; counts: readonly number[]; testId?: string }) {
  return (
    <tr data-testid={testId}>
      <th scope="row">{name}</th>
      <td className="num">{metric(scores.precision)}</td>
      <td className="num">{metric(scores.recall)}</td>
      <td className="num">{metric(scores.f1)}</td>
      {counts.map((count, i) => (
        <td key={i} className="num">
          {exactCount(count)}
        </td>
      ))}
    </tr>
  );
}

export function ScoreHeader({ first, counts }: { first: string; counts: readonly string[] }) {
  return (
    <thead>
      <tr>
        {[first, 'Precision', 'Recall', 'F1', ...counts].map((name) => (
          <th scope="col" key={name}>
            {name}
          </th>
        ))}
      </tr>
    </thead>
  );
}
