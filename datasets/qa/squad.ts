// SQuAD documents (v1.1 and v2.0): {"data": [{"title", "paragraphs": [{"context",
// "qas": [{"id", "question", "answers": [{"text", "answer_start"}], "is_impossible"}]}]}]}.
// A JSON document has to be parsed whole; SQuAD's largest file (v2.0 train) is 40 MB, which
// is fine. Problems point at the question's id and the line it is on.
import type { ProblemLog, ProblemWhere } from '../problems';
import type { QaExample } from '../types';
import { describeJson, isJsonObject, type JsonObject } from '../formats/jsonl';
import { lineAt, parseJsonReporting } from '../formats/json-position';
import type { RawAnswer } from './answers';
import { questionToExample } from './question';

export function readSquadDocument(text: string, file: string, log: ProblemLog): QaExample[] {
  const parsed = parseJsonReporting(text, file, log);
  if (!parsed.ok) return [];
  const document = parsed.value;
  if (!isJsonObject(document) || !Array.isArray(document['data'])) {
    log.error(file, 'not-squad', `not SQuAD JSON: expected an object with a "data" list of articles, found ${describeJson(document)}${isJsonObject(document) ? ' without "data"' : ''}`, { line: 1 });
    return [];
  }
  const locate = idLocator(text);
  const examples: QaExample[] = [];
  document['data'].forEach((article: unknown, a) => {
    const title = isJsonObject(article) && typeof article['title'] === 'string' ? article['title'] : undefined;
    const paragraphs = isJsonObject(article) ? article['paragraphs'] : undefined;
    if (!Array.isArray(paragraphs)) {
      log.error(file, 'missing-field', 'the article has no "paragraphs" list', { record: `data[${a}]`, field: 'paragraphs' });
      return;
    }
    paragraphs.forEach((paragraph: unknown, p) => {
      const path = `data[${a}].paragraphs[${p}]`;
      if (!isJsonObject(paragraph) || !Array.isArray(paragraph['qas'])) {
        log.error(file, 'missing-field', 'the paragraph has no "qas" list', { record: path, field: 'qas' });
        return;
      }
      paragraph['qas'].forEach((qa: unknown, q) => {
        const example = readQuestion(qa, paragraph, title, `${path}.qas[${q}]`, file, log, locate);
        if (example) examples.push(example);
      });
    });
  });
  return examples;
}

function readQuestion(
  qa: unknown,
  paragraph: JsonObject,
  title: string | undefined,
  path: string,
  file: string,
  log: ProblemLog,
  locate: (id: string) => number | undefined,
): QaExample | undefined {
  if (!isJsonObject(qa)) {
    log.error(file, 'wrong-type', `a question should be an object, found ${describeJson(qa)}`, { record: path });
    return undefined;
  }
  const hasId = typeof qa['id'] === 'string' || typeof qa['id'] === 'number';
  const id = hasId ? String(qa['id']) : path;
  const where = (field: string): ProblemWhere => ({ record: id, field, line: hasId ? locate(id) : undefined });
  if (!hasId) log.warning(file, 'missing-id', 'the question has no "id"; evaluation reports it by its position', where('id'));
  const answers = qa['answers'] ?? [];
  if (!Array.isArray(answers)) {
    log.error(file, 'wrong-type', `"answers" should be a list, found ${describeJson(answers)}`, where('answers'));
    return undefined;
  }
  const raw = answers.map((a: unknown): RawAnswer => (isJsonObject(a) ? { text: a['text'], start: a['answer_start'] } : { text: undefined, start: undefined }));
  return questionToExample(
    { id, title, question: qa['question'], context: paragraph['context'], answers: raw, isImpossible: qa['is_impossible'], line: hasId ? locate(id) : undefined },
    { file, log, where, contextField: 'context', answerField: (i, part) => `answers[${i}].${part === 'text' ? 'text' : 'answer_start'}` },
  );
}

/** The line of each question's `"id": "…"`, found on the first lookup by one scan of the text. */
function idLocator(text: string): (id: string) => number | undefined {
  let lines: Map<string, number> | undefined;
  return (id) => {
    if (!lines) {
      lines = new Map();
      let line = 1;
      let counted = 0;
      for (const match of text.matchAll(/"id"\s*:\s*("(?:[^"\\]|\\.)*"|\d+)/g)) {
        line += lineAt(text.slice(counted, match.index), Infinity) - 1;
        counted = match.index;
        const value: unknown = JSON.parse(match[1]!);
        if (!lines.has(String(value))) lines.set(String(value), line);
      }
    }
    return lines.get(id);
  };
}
