// Reading one NER file (CoNLL or JSON lines) into IOB2 examples: parse every tag, decide
// the file's scheme, convert, and report what had to be repaired.
import type { ProblemLog } from '../problems';
import type { ByteSource } from '../source';
import type { NerExample } from '../types';
import { openDataFile } from '../open';
import { readConllSentences } from './conll';
import { readJsonlSentences, type JsonlSentences } from './jsonl';
import type { ColumnReport, DataColumns } from '../column-report';
import type { RawSentence } from './raw-sentence';
import { detectScheme, parseTag, toIob2, type Tag, type TagScheme } from './tags';

export type NerFormat = 'conll' | 'jsonl';

export interface NerReadOptions {
  format?: NerFormat;
  /** Tag names in id order, for JSON lines files whose tags are integer ids. */
  tagNames?: readonly string[];
  /** JSON lines: the fields of the tokens and the tags (data.columns), instead of guessing. */
  columns?: DataColumns;
}

export interface NerFile {
  examples: NerExample[];
  format?: NerFormat;
  /** The scheme the file was written in (examples are IOB2 regardless). */
  scheme?: TagScheme;
  /** JSON lines: the first record's fields and which hold tokens and tags. */
  columnReport?: ColumnReport;
}

const FORMATS: readonly NerFormat[] = ['conll', 'jsonl'];

export async function readNerFile(source: ByteSource, options: NerReadOptions, log: ProblemLog): Promise<NerFile> {
  const file = source.name;
  const opened = await openDataFile(source, 'ner', FORMATS, options.format, log);
  if (!opened) return { examples: [] };
  const read: JsonlSentences =
    opened.format === 'conll' ? { sentences: await readConllSentences(opened.chunks, file, log) } : await readJsonlSentences(opened.chunks, file, options, log);
  const { sentences } = read;

  const parsed = sentences.map((sentence) => parseSentenceTags(sentence, file, log));
  const valid = sentences.filter((_, i) => parsed[i] !== undefined);
  const tagged = parsed.filter((tags): tags is Tag[] => tags !== undefined);
  const scheme = detectScheme(tagged);
  const examples = valid.map((sentence, i) => {
    const { tags, repairs } = toIob2(tagged[i]!, scheme);
    for (const repair of repairs) log.warning(file, 'invalid-tag-sequence', repair.message, sentence.tagAt(repair.index));
    const example: NerExample = { tokens: sentence.tokens, tags, line: sentence.line };
    if (opened.format === 'conll') example.tokenPerLine = true;
    return example;
  });
  if (examples.length === 0 && !log.hasErrorsIn(file)) log.error(file, 'no-examples', 'no sentences in the file');
  return read.columnReport ? { examples, format: opened.format, scheme, columnReport: read.columnReport } : { examples, format: opened.format, scheme };
}

function parseSentenceTags(sentence: RawSentence, file: string, log: ProblemLog): Tag[] | undefined {
  const tags: Tag[] = [];
  let ok = true;
  sentence.tags.forEach((raw, i) => {
    const tag = parseTag(raw);
    if (tag) tags.push(tag);
    else {
      ok = false;
      log.error(file, 'bad-tag', `tag "${raw}" is not O, B-TYPE or I-TYPE (or E-/S-TYPE in BIOES)${caseHint(raw)}`, sentence.tagAt(i));
    }
  });
  return ok ? tags : undefined;
}

/** Tags are case-sensitive (seqeval reads "b-per" as no entity); say so when case is all that is wrong. */
function caseHint(raw: string): string {
  const fixed = raw === 'o' ? 'O' : /^[bieslu][-_]./.test(raw) ? raw[0]!.toUpperCase() + raw.slice(1) : undefined;
  return fixed !== undefined && parseTag(fixed) ? `; prefixes are upper case: "${fixed}"` : '';
}
