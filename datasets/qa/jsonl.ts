// QA as JSON lines, Hugging Face datasets' flattened SQuAD layout: `{"id", "title",
// "question", "context", "answers": {"text": [...], "answer_start": [...]}}`. A list of
// SQuAD-style answer objects is accepted too.
import type { ProblemLog } from '../problems';
import type { QaExample } from '../types';
import { describeJson, isJsonObject, jsonLines, type JsonObject } from '../formats/jsonl';
import type { RawAnswer } from './answers';
import { questionToExample } from './question';

export async function readJsonlQuestions(chunks: AsyncIterable<string>, file: string, log: ProblemLog): Promise<QaExample[]> {
  const examples: QaExample[] = [];
  for await (const { value, line } of jsonLines(chunks, file, log)) {
    const id = typeof value['id'] === 'string' || typeof value['id'] === 'number' ? String(value['id']) : `line ${line}`;
    const where = (field: string) => ({ line, field });
    const answers = readAnswers(value, file, line, log);
    if (!answers) continue;
    const title = typeof value['title'] === 'string' ? value['title'] : undefined;
    const example = questionToExample(
      { id, title, question: value['question'], context: value['context'], answers: answers.list, isImpossible: value['is_impossible'], line },
      { file, log, where, contextField: 'context', answerField: answers.fieldOf },
    );
    if (example) examples.push(example);
  }
  return examples;
}

function readAnswers(record: JsonObject, file: string, line: number, log: ProblemLog): { list: RawAnswer[]; fieldOf: (i: number, part: 'text' | 'start') => string } | undefined {
  const answers = record['answers'];
  if (answers === undefined || answers === null) return { list: [], fieldOf: (i) => `answers[${i}]` };
  if (Array.isArray(answers)) {
    const list = answers.map((a: unknown) => (isJsonObject(a) ? { text: a['text'], start: a['answer_start'] } : { text: undefined, start: undefined }));
    return { list, fieldOf: (i, part) => `answers[${i}].${part === 'text' ? 'text' : 'answer_start'}` };
  }
  if (!isJsonObject(answers) || !Array.isArray(answers['text']) || !Array.isArray(answers['answer_start'])) {
    log.error(file, 'wrong-type', `"answers" should be {"text": [...], "answer_start": [...]}, found ${describeJson(answers)}`, { line, field: 'answers' });
    return undefined;
  }
  const texts = answers['text'] as unknown[];
  const starts = answers['answer_start'] as unknown[];
  if (texts.length !== starts.length) {
    log.error(file, 'length-mismatch', `answers has ${texts.length} texts but ${starts.length} answer_start values`, { line, field: 'answers' });
    return undefined;
  }
  return { list: texts.map((text, i) => ({ text, start: starts[i] })), fieldOf: (i, part) => `answers.${part === 'text' ? 'text' : 'answer_start'}[${i}]` };
}
