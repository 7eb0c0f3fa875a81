// Predictions as a table a person downloads: the same columns from the app's "Download
// CSV / JSONL" and from `bert-workbench predict --data`, so that both give the same file.
// Pure functions of the prediction rows (plain data), shared by the renderer and the CLI.
import type { EntityRef, EvaluationPredictionRow } from '../../core/train/evaluation-report';

export interface PredictionTable {
  columns: string[];
  rows: string[][];
}

const joinAnswers = (answers: readonly string[]) => answers.join(' | ');

function entityList(entities: readonly EntityRef[], tokens: readonly string[] | undefined): string {
  return entities.map((e) => `${e.type}: ${tokens ? tokens.slice(e.start, e.end + 1).join(' ') : `${e.start}-${e.end}`}`).join('; ');
}

function number(value: number | undefined): string {
  return value === undefined ? '' : String(Number(value.toPrecision(6)));
}

function flag(value: boolean | undefined): string {
  return value === undefined ? '' : String(value);
}

/** The table of some predictions (all of one task); a column no row has a value for is left out. */
export function predictionTable(predictions: readonly EvaluationPredictionRow[]): PredictionTable {
  const records = predictions.map((row): Record<string, string> => {
    if ('question' in row) {
      return {
        index: String(row.index),
        id: row.id ?? '',
        question: row.question,
        answers: joinAnswers(row.answers),
        predicted: row.predicted,
        exact: number(row.exact),
        f1: number(row.f1),
        no_answer_score: number(row.no_answer_score),
        correct: flag(row.correct),
      };
    }
    if ('gold_entities' in row) {
      return {
        index: String(row.index),
        tokens: row.tokens?.join(' ') ?? '',
        gold_entities: entityList(row.gold_entities, row.tokens),
        predicted_entities: entityList(row.predicted_entities, row.tokens),
        gold_tags: row.gold.join(' '),
        predicted_tags: row.predicted.join(' '),
        correct: flag(row.correct),
      };
    }
    return {
      index: String(row.index),
      text: row.text ?? '',
      text_pair: row.text_pair ?? '',
      gold: row.gold ?? '',
      predicted: row.predicted,
      confidence: number(row.confidence),
      correct: flag(row.correct),
    };
  });
  const first = records[0];
  const columns = first ? Object.keys(first).filter((column) => records.some((record) => record[column] !== '')) : [];
  return { columns, rows: records.map((record) => columns.map((column) => record[column] ?? '')) };
}

/** RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; CRLF line ends. */
export function predictionsCsv(predictions: readonly EvaluationPredictionRow[]): string {
  const { columns, rows } = predictionTable(predictions);
  const field = (value: string) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);
  return [columns, ...rows].map((cells) => cells.map(field).join(',') + '\r\n').join('');
}

/** One JSON object per prediction, every field as stored. */
export function predictionsJsonl(predictions: readonly EvaluationPredictionRow[]): string {
  return predictions.map((row) => JSON.stringify(row) + '\n').join('');
}
