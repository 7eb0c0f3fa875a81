// SQuAD documents (v1.1 and v2.0): {"data": [{"title", "paragraphs": [{"context",
// "qas": [{"id", "question", "answers": [{"text", "answer_start"}], "is_impossible"}]}]}]}.
// Read as a stream (formats/json-stream.ts): one paragraph is built at a time, turned into
// examples and dropped, so reading SQuAD 2.0 train (40 MB) holds its examples and one
// paragraph, never the file's text or its parsed tree. Problems point at the question's id
// and the line of its "id".
import type { ProblemLog, ProblemWhere } from '../problems';
import type { QaExample } from '../types';
import { describeJson, isJsonObject, type JsonObject } from '../formats/jsonl';
import { reportMalformedJson } from '../formats/json-position';
import { formatJsonPath, streamJson, type JsonPath, type JsonStreamEvent, type LineOf } from '../formats/json-stream';
import { DEFAULT_MAX_RECORD_CHARS, RECORD_LIMIT } from '../formats/record-limit';
import type { RawAnswer } from './answers';
import { questionToExample } from './question';

/** data[a].paragraphs[p]: the records of a SQuAD file. */
function isParagraph(path: JsonPath): boolean {
  return path.length === 4 && path[0] === 'data' && typeof path[1] === 'number' && path[2] === 'paragraphs' && typeof path[3] === 'number';
}

export async function readSquadDocument(chunks: AsyncIterable<string>, file: string, log: ProblemLog): Promise<QaExample[]> {
  const examples: QaExample[] = [];
  const articleOf: number[] = []; // titles are set at the end: a file may write "title" after "paragraphs"
  let restTooLong: Extract<JsonStreamEvent, { kind: 'too-long' }> | undefined;
  for await (const event of streamJson(chunks, { isItem: isParagraph, maxChars: DEFAULT_MAX_RECORD_CHARS })) {
    switch (event.kind) {
      case 'item':
        for (const example of readParagraph(event.value, event.path, event.line, file, log, event.lineOf)) {
          examples.push(example);
          articleOf.push(event.path[1] as number);
        }
        break;
      case 'too-long':
        if (event.item) reportLongParagraph(event.item, event.at, event.line, file, log);
        else restTooLong = event;
        break;
      case 'malformed':
        reportMalformedJson(event, file, log, { line: event.line, ...(event.path.length ? { record: formatJsonPath(event.path) } : {}) });
        break;
      case 'end': {
        const articles = articlesOf(event.document);
        if (!articles) {
          if (event.complete || restTooLong) reportNotSquad(event.document, event.complete, file, log);
          return examples;
        }
        if (restTooLong) reportLongRest(restTooLong, file, log);
        if (event.complete) checkArticles(articles, file, log, event.lineOf);
        examples.forEach((example, i) => {
          const article = articles[articleOf[i]!];
          if (isJsonObject(article) && typeof article['title'] === 'string') example.title = article['title'];
        });
      }
    }
  }
  return examples;
}

function articlesOf(document: unknown): unknown[] | undefined {
  return isJsonObject(document) && Array.isArray(document['data']) ? document['data'] : undefined;
}

function reportNotSquad(document: unknown, complete: boolean, file: string, log: ProblemLog): void {
  const without = isJsonObject(document) ? ` without "data"${complete ? '' : ` in its first ${RECORD_LIMIT}`}` : '';
  log.error(file, 'not-squad', `not SQuAD JSON: expected an object with a "data" list of articles, found ${describeJson(document)}${without}`, { line: 1 });
}

function reportLongParagraph(paragraph: JsonPath, at: JsonPath, line: number, file: string, log: ProblemLog): void {
  const field = formatJsonPath(at.slice(paragraph.length));
  const message = `the paragraph starting on this line is longer than ${RECORD_LIMIT}, the limit for one record${field ? ` (passed in "${field}")` : ''}; its questions are skipped. Split its context into smaller paragraphs`;
  log.error(file, 'record-too-long', message, { line, record: formatJsonPath(paragraph), ...(field ? { field } : {}) });
}

function reportLongRest(event: Extract<JsonStreamEvent, { kind: 'too-long' }>, file: string, log: ProblemLog): void {
  const at = formatJsonPath(event.at);
  const message = `the document holds more than ${RECORD_LIMIT} (the limit for one record) outside its paragraphs (data[…].paragraphs[…])${at ? `, passed at ${at}` : ''}; reading stopped here`;
  log.error(file, 'record-too-long', message, { line: event.line, ...(at ? { record: at } : {}) });
}

function checkArticles(articles: unknown[], file: string, log: ProblemLog, lineOf: LineOf): void {
  articles.forEach((article, a) => {
    if (isJsonObject(article) && Array.isArray(article['paragraphs'])) return;
    const line = isJsonObject(article) ? lineOf(article) : undefined;
    log.error(file, 'missing-field', 'the article has no "paragraphs" list', { record: `data[${a}]`, field: 'paragraphs', ...(line !== undefined ? { line } : {}) });
  });
}

function readParagraph(paragraph: unknown, at: JsonPath, line: number, file: string, log: ProblemLog, lineOf: LineOf): QaExample[] {
  const path = formatJsonPath(at);
  if (!isJsonObject(paragraph) || !Array.isArray(paragraph['qas'])) {
    log.error(file, 'missing-field', 'the paragraph has no "qas" list', { record: path, field: 'qas', line });
    return [];
  }
  const examples: QaExample[] = [];
  paragraph['qas'].forEach((qa: unknown, q) => {
    const example = readQuestion(qa, paragraph, `${path}.qas[${q}]`, file, log, lineOf);
    if (example) examples.push(example);
  });
  return examples;
}

function readQuestion(qa: unknown, paragraph: JsonObject, path: string, file: string, log: ProblemLog, lineOf: LineOf): QaExample | undefined {
  if (!isJsonObject(qa)) {
    log.error(file, 'wrong-type', `a question should be an object, found ${describeJson(qa)}`, { record: path });
    return undefined;
  }
  const hasId = typeof qa['id'] === 'string' || typeof qa['id'] === 'number';
  const id = hasId ? String(qa['id']) : path;
  const line = lineOf(qa, 'id') ?? lineOf(qa);
  const where = (field: string): ProblemWhere => ({ record: id, field, line });
  if (!hasId) log.warning(file, 'missing-id', 'the question has no "id"; evaluation reports it by its position', where('id'));
  const answers = qa['answers'] ?? [];
  if (!Array.isArray(answers)) {
    log.error(file, 'wrong-type', `"answers" should be a list, found ${describeJson(answers)}`, where('answers'));
    return undefined;
  }
  const raw = answers.map((a: unknown): RawAnswer => (isJsonObject(a) ? { text: a['text'], start: a['answer_start'] } : { text: undefined, start: undefined }));
  return questionToExample(
    { id, question: qa['question'], context: paragraph['context'], answers: raw, isImpossible: qa['is_impossible'], line },
    { file, log, where, contextField: 'context', answerField: (i, part) => `answers[${i}].${part === 'text' ? 'text' : 'answer_start'}` },
  );
}
