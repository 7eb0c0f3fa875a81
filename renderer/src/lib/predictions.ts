// The predictions viewer's rules, as H2O LLM Studio's validation view has them: every
// example, wrong ones first, filtered by right/wrong, by gold and predicted class (for NER
// an entity type, for QA answerable or not) and by text. A confusion-matrix cell is the
// filter gold = row, predicted = column.
import type { EvaluationPredictionRow } from '../../../electron/contract';

export type Correctness = 'all' | 'wrong' | 'right';

export interface PredictionFilter {
  correctness: Correctness;
  /** Classification: the gold label; NER: an entity type among the gold entities; QA: "has answer" / "no answer". */
  gold?: string;
  /** Classification: the predicted label; NER: an entity type among the predicted entities; QA: "answered" / "no answer". */
  predicted?: string;
  text?: string;
}

export const NO_FILTER: PredictionFilter = { correctness: 'all' };

const HAS_ANSWER = 'has answer';
const NO_ANSWER = 'no answer';
const ANSWERED = 'answered';

/** The gold and predicted "classes" a row belongs to, in the filter's terms. */
function classesOf(row: EvaluationPredictionRow): { gold: string[]; predicted: string[] } {
  if ('question' in row) return { gold: [row.answers.length > 0 ? HAS_ANSWER : NO_ANSWER], predicted: [row.predicted ? ANSWERED : NO_ANSWER] };
  if ('gold_entities' in row) return { gold: row.gold_entities.map((e) => e.type), predicted: row.predicted_entities.map((e) => e.type) };
  return { gold: row.gold === undefined ? [] : [row.gold], predicted: [row.predicted] };
}

function searchable(row: EvaluationPredictionRow): string {
  if ('question' in row) return [row.question, row.context, row.predicted, ...row.answers].join(' ');
  if ('gold_entities' in row) return (row.tokens ?? []).join(' ');
  return [row.text ?? '', row.text_pair ?? ''].join(' ');
}

export function filterPredictions<R extends EvaluationPredictionRow>(rows: readonly R[], filter: PredictionFilter): R[] {
  const text = filter.text?.trim().toLowerCase();
  const kept = rows.filter((row) => {
    if (filter.correctness === 'wrong' && row.correct !== false) return false;
    if (filter.correctness === 'right' && row.correct !== true) return false;
    const classes = classesOf(row);
    if (filter.gold !== undefined && !classes.gold.includes(filter.gold)) return false;
    if (filter.predicted !== undefined && !classes.predicted.includes(filter.predicted)) return false;
    return !text || searchable(row).toLowerCase().includes(text);
  });
  // Wrong first (what a person looks at), then in the file's order.
  const rank = (row: R) => (row.correct === false ? 0 : row.correct === undefined ? 1 : 2);
  return kept.sort((a, b) => rank(a) - rank(b) || a.index - b.index);
}

/** The values the gold and predicted filters offer. */
export function filterValues(rows: readonly EvaluationPredictionRow[]): { gold: string[]; predicted: string[] } {
  const gold = new Set<string>();
  const predicted = new Set<string>();
  for (const row of rows) {
    const classes = classesOf(row);
    classes.gold.forEach((c) => gold.add(c));
    classes.predicted.forEach((c) => predicted.add(c));
  }
  return { gold: [...gold].sort(), predicted: [...predicted].sort() };
}

export function countWrong(rows: readonly EvaluationPredictionRow[]): number {
  return rows.filter((row) => row.correct === false).length;
}
