// NER as JSON lines, the layout Hugging Face datasets writes: `{"tokens": [...],
// "ner_tags": [...]}`. Tags are names ("B-PER") or ids into a tag list; ids need the list
// (`tagNames`), which the dataset's features declare and the file does not repeat.
import type { ProblemLog } from '../problems';
import { describeJson, jsonLines, type JsonObject } from '../formats/jsonl';
import type { RawSentence } from './raw-sentence';

const TAG_FIELDS = ['ner_tags', 'tags', 'labels', 'ner'];

export async function readJsonlSentences(chunks: AsyncIterable<string>, file: string, tagNames: readonly string[] | undefined, log: ProblemLog): Promise<RawSentence[]> {
  const sentences: RawSentence[] = [];
  for await (const { value, line } of jsonLines(chunks, file, log)) {
    const sentence = recordToSentence(value, line, file, tagNames, log);
    if (sentence) sentences.push(sentence);
  }
  return sentences;
}

function recordToSentence(record: JsonObject, line: number, file: string, tagNames: readonly string[] | undefined, log: ProblemLog): RawSentence | undefined {
  const tagField = TAG_FIELDS.find((name) => name in record) ?? 'ner_tags';
  for (const field of ['tokens', tagField]) {
    if (!(field in record)) {
      log.error(file, 'missing-field', `no "${field}" field`, { line, field });
      return undefined;
    }
    if (!Array.isArray(record[field])) {
      log.error(file, 'wrong-type', `"${field}" should be a list, found ${describeJson(record[field])}`, { line, field });
      return undefined;
    }
  }
  const tokens = record['tokens'] as unknown[];
  const rawTags = record[tagField] as unknown[];
  if (tokens.length !== rawTags.length) {
    log.error(file, 'length-mismatch', `${tokens.length} tokens but ${rawTags.length} tags`, { line, field: tagField });
    return undefined;
  }
  if (tokens.length === 0) {
    log.warning(file, 'empty-sentence', 'a sentence without tokens; skipped', { line, field: 'tokens' });
    return undefined;
  }
  const badToken = tokens.findIndex((t) => typeof t !== 'string');
  if (badToken !== -1) {
    log.error(file, 'wrong-type', `token ${badToken} should be a string, found ${describeJson(tokens[badToken])}`, { line, field: `tokens[${badToken}]` });
    return undefined;
  }
  const tags: string[] = [];
  for (let i = 0; i < rawTags.length; i++) {
    const tag = tagName(rawTags[i], tagNames);
    if (typeof tag !== 'string') {
      log.error(file, tag.code, tag.message, { line, field: `${tagField}[${i}]` });
      return undefined;
    }
    tags.push(tag);
  }
  return { tokens: tokens as string[], tags, line, tagAt: (index) => ({ line, field: `${tagField}[${index}]` }) };
}

function tagName(value: unknown, tagNames: readonly string[] | undefined): string | { code: string; message: string } {
  if (typeof value === 'string') return value;
  if (typeof value !== 'number' || !Number.isInteger(value)) return { code: 'wrong-type', message: `a tag should be a name or an integer id, found ${describeJson(value)}` };
  if (!tagNames) return { code: 'tag-ids-without-names', message: 'tags are integer ids; give the tag names in id order (e.g. O,B-PER,I-PER,…) to read them' };
  const name = tagNames[value];
  if (name === undefined) return { code: 'unknown-tag-id', message: `tag id ${value} is outside the ${tagNames.length} tag names given` };
  return name;
}
