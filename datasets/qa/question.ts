// One question record → a QaExample, for both SQuAD documents and flattened JSON lines:
// text fields must be non-empty strings, the unanswerable flag agree with the answers.
import type { ProblemLog, ProblemWhere } from '../problems';
import type { QaExample } from '../types';
import { describeJson } from '../formats/jsonl';
import { checkAnswers, type RawAnswer } from './answers';

export interface RawQuestion {
  id: string;
  title?: string;
  question: unknown;
  context: unknown;
  answers: RawAnswer[];
  /** `is_impossible` as given; undefined when the file has none (SQuAD v1.1, HF layout). */
  isImpossible: unknown;
  line?: number;
}

export interface QuestionContext {
  file: string;
  log: ProblemLog;
  where: (field: string) => ProblemWhere;
  /** Field names as the file's layout writes them. */
  contextField: string;
  answerField: (index: number, part: 'text' | 'start') => string;
}

export function questionToExample(raw: RawQuestion, at: QuestionContext): QaExample | undefined {
  const { file, log } = at;
  const question = nonEmptyText(raw.question, 'question', at);
  const context = nonEmptyText(raw.context, at.contextField, at);
  if (question === undefined || context === undefined) return undefined;
  if (raw.isImpossible !== undefined && typeof raw.isImpossible !== 'boolean') {
    log.error(file, 'wrong-type', `is_impossible should be true or false, found ${describeJson(raw.isImpossible)}`, at.where('is_impossible'));
    return undefined;
  }
  const example: QaExample = { id: raw.id, question, context, answers: [], isImpossible: true };
  if (raw.title !== undefined) example.title = raw.title;
  if (raw.line !== undefined) example.line = raw.line;
  if (raw.isImpossible === true) {
    // SQuAD 2.0 keeps annotators' guesses in plausible_answers; real answers here contradict the flag.
    if (raw.answers.length > 0) log.warning(file, 'impossible-with-answers', 'is_impossible is true but the question has answers; they are ignored', at.where('answers'));
    return example;
  }
  if (raw.answers.length === 0) {
    if (raw.isImpossible === false) {
      log.error(file, 'no-answers', 'is_impossible is false but the question has no answers', at.where('answers'));
      return undefined;
    }
    return example; // the Hugging Face convention: no answers means unanswerable
  }
  const answers = checkAnswers(context, raw.answers, { file, log, where: at.where, fieldOf: at.answerField });
  if (answers.length === 0) return undefined;
  example.answers = answers;
  example.isImpossible = false;
  return example;
}

function nonEmptyText(value: unknown, field: string, at: QuestionContext): string | undefined {
  if (typeof value !== 'string') {
    const message = value === undefined ? `no "${field}" field` : `"${field}" should be text, found ${describeJson(value)}`;
    at.log.error(at.file, value === undefined ? 'missing-field' : 'wrong-type', message, at.where(field));
    return undefined;
  }
  if (value.trim() === '') {
    at.log.error(at.file, 'empty-text', `empty ${field}`, at.where(field));
    return undefined;
  }
  return value;
}
