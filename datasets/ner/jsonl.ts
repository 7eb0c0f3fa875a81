// NER as JSON lines, the layout Hugging Face datasets writes: `{"tokens": [...],
// "ner_tags": [...]}` (other field names are guessed, or given as data.columns tokens/tags). Tags are names ("B-PER") or ids into a tag list; ids need the list
// (`tagNames`), which the dataset's features declare and the file does not repeat.
import type { ProblemLog } from '../problems';
import { describeJson, jsonLines, type JsonObject } from '../formats/jsonl';
import type { RawSentence } from './raw-sentence';
import { columnReport, type ColumnReport, type DataColumns } from '../column-report';

const TOKEN_FIELDS = ['tokens', 'words', 'token', 'word'];
const TAG_FIELDS = ['ner_tags', 'tags', 'labels', 'ner', 'label'];

export interface JsonlSentences {
  sentences: RawSentence[];
  /** The first record's fields and which hold the tokens and the tags. */
  columnReport?: ColumnReport;
}

export async function readJsonlSentences(
  chunks: AsyncIterable<string>,
  file: string,
  options: { tagNames?: readonly string[]; columns?: DataColumns },
  log: ProblemLog,
): Promise<JsonlSentences> {
  const sentences: RawSentence[] = [];
  let fields: { tokens: string; tags: string } | undefined;
  let report: ColumnReport | undefined;
  for await (const { value, line } of jsonLines(chunks, file, log)) {
    if (!fields) {
      const keys = Object.keys(value);
      const missing = (['tokens', 'tags'] as const).find((role) => options.columns?.[role] !== undefined && !keys.includes(options.columns[role]!));
      if (missing) {
        const name = options.columns![missing]!;
        log.error(file, 'missing-column', `missing field "${name}" (given for the ${missing}); the first record has ${keys.map((k) => JSON.stringify(k)).join(', ')}`, { line, field: name });
        return { sentences, columnReport: columnReport(keys, {}, options.columns) };
      }
      fields = { tokens: options.columns?.tokens ?? guessField(keys, TOKEN_FIELDS), tags: options.columns?.tags ?? guessField(keys, TAG_FIELDS) };
      report = columnReport(keys, { tokens: fields.tokens, tags: fields.tags }, options.columns);
    }
    const sentence = recordToSentence(value, line, file, fields, options.tagNames, log);
    if (sentence) sentences.push(sentence);
  }
  return report ? { sentences, columnReport: report } : { sentences };
}

/** The first known name the record has, else the usual one (reported as missing per record). */
function guessField(keys: readonly string[], known: readonly string[]): string {
  return known.find((name) => keys.includes(name)) ?? known[0]!;
}

function recordToSentence(
  record: JsonObject,
  line: number,
  file: string,
  fields: { tokens: string; tags: string },
  tagNames: readonly string[] | undefined,
  log: ProblemLog,
): RawSentence | undefined {
  const { tokens: tokenField, tags: tagField } = fields;
  for (const field of [tokenField, tagField]) {
    if (!(field in record)) {
      log.error(file, 'missing-field', `no "${field}" field`, { line, field });
      return undefined;
    }
    if (!Array.isArray(record[field])) {
      log.error(file, 'wrong-type', `"${field}" should be a list, found ${describeJson(record[field])}`, { line, field });
      return undefined;
    }
  }
  const tokens = record[tokenField] as unknown[];
  const rawTags = record[tagField] as unknown[];
  if (tokens.length !== rawTags.length) {
    log.error(file, 'length-mismatch', `${tokens.length} tokens but ${rawTags.length} tags`, { line, field: tagField });
    return undefined;
  }
  if (tokens.length === 0) {
    log.warning(file, 'empty-sentence', 'a sentence without tokens; skipped', { line, field: tokenField });
    return undefined;
  }
  const badToken = tokens.findIndex((t) => typeof t !== 'string');
  if (badToken !== -1) {
    log.error(file, 'wrong-type', `token ${badToken} should be a string, found ${describeJson(tokens[badToken])}`, { line, field: `${tokenField}[${badToken}]` });
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
