// Every answer must be where it says it is: `context.slice(answer_start, answer_start +
// text.length) === text`. Files that were cleaned, re-encoded or had their contexts
// edited break this silently, and then training learns the wrong spans.
import type { ProblemLog, ProblemWhere } from '../problems';
import type { QaAnswer } from '../types';

export interface RawAnswer {
  text: unknown;
  start: unknown;
}

export interface AnswerContext {
  file: string;
  log: ProblemLog;
  /** Where the question is in the file; `field` names the answers list. */
  where: (field: string) => ProblemWhere;
  /** How the file names answer i's fields, e.g. `answers[2]` or `answers.answer_start[2]`. */
  fieldOf: (index: number, part: 'text' | 'start') => string;
}

/** The answers that are valid; each invalid one is reported. */
export function checkAnswers(context: string, answers: readonly RawAnswer[], at: AnswerContext): QaAnswer[] {
  const valid: QaAnswer[] = [];
  answers.forEach((answer, i) => {
    const { text, start } = answer;
    if (typeof text !== 'string' || text === '') {
      at.log.error(at.file, 'bad-answer', 'the answer text is missing or empty', at.where(at.fieldOf(i, 'text')));
      return;
    }
    if (typeof start !== 'number' || !Number.isInteger(start) || start < 0) {
      at.log.error(at.file, 'bad-answer', `answer_start should be a character offset (an integer ≥ 0), found ${JSON.stringify(start)}`, at.where(at.fieldOf(i, 'start')));
      return;
    }
    if (start + text.length > context.length) {
      at.log.error(at.file, 'answer-out-of-range', `answer "${clip(text)}" at answer_start ${start} runs past the end of the context (${context.length} characters)`, at.where(at.fieldOf(i, 'start')));
      return;
    }
    const found = context.slice(start, start + text.length);
    if (found !== text) {
      at.log.error(at.file, 'answer-mismatch', `answer text not found at answer_start ${start}: expected "${clip(text)}", the context there reads "${clip(found)}"${elsewhere(context, text)}`, at.where(at.fieldOf(i, 'start')));
      return;
    }
    valid.push({ text, start });
  });
  return valid;
}

function elsewhere(context: string, text: string): string {
  const index = context.indexOf(text);
  return index === -1 ? '; the text does not occur in the context' : `; it occurs at ${index}`;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
