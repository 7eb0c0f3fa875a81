// Every answer must be where it says it is: the context at answer_start reads the
// answer's text. Files that were cleaned, re-encoded or had their contexts
// edited break this silently, and then training learns the wrong spans.
import type { ProblemLog, ProblemWhere } from '../problems';
import type { QaAnswer } from '../types';
import { codePointLength, codePointToUtf16, utf16ToCodePoint } from './offsets';

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

/**
 * The answers that are valid, with `start` as a UTF-16 index; each invalid one is reported.
 * `answer_start` counts code points (SQuAD is written from Python); a file written from
 * JavaScript counts UTF-16 units, which differs only after an emoji or another character
 * outside the BMP: such an offset is accepted when the text is there, with a warning.
 * Offsets in messages count code points, as the file does.
 */
export function checkAnswers(context: string, answers: readonly RawAnswer[], at: AnswerContext): QaAnswer[] {
  const valid: QaAnswer[] = [];
  answers.forEach((answer, i) => {
    const { text, start } = answer;
    const where = () => at.where(at.fieldOf(i, 'start'));
    if (typeof text !== 'string' || text === '') {
      at.log.error(at.file, 'bad-answer', 'the answer text is missing or empty', at.where(at.fieldOf(i, 'text')));
      return;
    }
    if (typeof start !== 'number' || !Number.isInteger(start) || start < 0) {
      at.log.error(at.file, 'bad-answer', `answer_start should be a character offset (an integer ≥ 0), found ${JSON.stringify(start)}`, where());
      return;
    }
    const from = codePointToUtf16(context, start);
    if (from !== undefined && context.startsWith(text, from)) {
      valid.push({ text, start: from });
      return;
    }
    if (from !== start && context.startsWith(text, start)) {
      const message = `answer_start ${start} counts UTF-16 units (as JavaScript does), not characters (as Python and SQuAD do): the context has characters such as emoji before the answer; read as the character offset ${utf16ToCodePoint(context, start)}`;
      at.log.warning(at.file, 'utf16-answer-start', message, where());
      valid.push({ text, start });
      return;
    }
    if (from === undefined || from + text.length > context.length) {
      at.log.error(at.file, 'answer-out-of-range', `answer "${clip(text)}" at answer_start ${start} runs past the end of the context (${codePointLength(context)} characters)`, where());
      return;
    }
    const found = context.slice(from, from + text.length);
    at.log.error(at.file, 'answer-mismatch', `answer text not found at answer_start ${start}: expected "${clip(text)}", the context there reads "${clip(found)}"${elsewhere(context, text)}`, where());
  });
  return valid;
}

function elsewhere(context: string, text: string): string {
  const index = context.indexOf(text);
  return index === -1 ? '; the text does not occur in the context' : `; it occurs at ${utf16ToCodePoint(context, index)}`;
}

function clip(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}
