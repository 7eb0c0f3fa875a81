// The broken-file corpus (testdata/broken/, one file per failure mode): each gives its own
// message on the right line, as data; nothing throws.
import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readdirSync } from 'node:fs';
import { loadDefaultTokenizer } from '../core/tokenizer/load-node';
import { loadDatasetFiles } from './read-node';
import type { Problem } from './problems';
import type { Task } from './types';

const BROKEN = join(__dirname, 'testdata/broken');
const VALID = join(__dirname, 'testdata/valid');

interface Case {
  file: string;
  task: Task;
  /** The broken file is the validation file of this (valid) training file. */
  trainedOn?: string;
  severity?: Problem['severity'];
  code: string;
  line: number | undefined;
  field?: string;
  record?: string;
  message: string;
  /** Needs the tokenizer (length and word-piece warnings). */
  tokenizer?: boolean;
  maxSeqLength?: number;
}

const CASES: Case[] = [
  // classification
  { file: 'cls-empty.csv', task: 'classification', code: 'empty-file', line: undefined, message: 'the file is empty' },
  { file: 'cls-blank-lines.tsv', task: 'classification', code: 'empty-file', line: undefined, message: 'the file is empty' },
  { file: 'cls-header-only.csv', task: 'classification', code: 'no-examples', line: 1, message: 'no examples after the header row' },
  { file: 'cls-missing-text-column.csv', task: 'classification', code: 'missing-column', line: 1, message: 'missing column: no text column (looked for text, sentence, review' },
  { file: 'cls-missing-label-column.tsv', task: 'classification', code: 'missing-column', line: 1, message: 'no label column (looked for label, labels, class, category, target, sentiment, …); the file has "sentence", "score_x"' },
  { file: 'cls-empty-text.csv', task: 'classification', code: 'empty-text', line: 3, field: 'text', message: 'empty text in "text"' },
  { file: 'cls-missing-label.csv', task: 'classification', code: 'missing-label', line: 4, field: 'label', message: 'no label in "label"' },
  { file: 'cls-column-count.csv', task: 'classification', code: 'column-count', line: 4, message: '3 columns, the header has 2' },
  { file: 'cls-tab-in-text.tsv', task: 'classification', code: 'column-count', line: 3, message: '3 columns, the header has 2 (a tab inside the text?)' },
  { file: 'cls-unclosed-quote.csv', task: 'classification', code: 'unclosed-quote', line: 4, message: 'a quoted field in the record starting on this line is never closed' },
  { file: 'cls-malformed-quote.csv', task: 'classification', code: 'malformed-quote', line: 3, message: 'a quote inside a quoted field is not doubled' },
  { file: 'cls-latin1.csv', task: 'classification', code: 'not-utf8', line: 3, message: 'bytes that are not UTF-8 at byte 4 of the line (file offset 21): 0xE9' },
  { file: 'cls-utf16.csv', task: 'classification', code: 'not-text', line: 1, message: 'the file is UTF-16 (little-endian); save it as UTF-8' },
  { file: 'cls-gzip.csv', task: 'classification', code: 'not-text', line: 1, message: 'the file is gzip-compressed; decompress it first' },
  { file: 'cls-malformed-json.jsonl', task: 'classification', code: 'malformed-json', line: 3, message: 'malformed JSON at column 29: expected a string in double quotes, found "}"' },
  { file: 'cls-not-object.jsonl', task: 'classification', code: 'not-an-object', line: 2, message: 'expected a JSON object per line, found an array' },
  { file: 'cls-multi-label.jsonl', task: 'classification', code: 'multi-label', line: 2, field: 'label', message: 'multi-label classification is not supported' },
  { file: 'cls-wrong-type.jsonl', task: 'classification', code: 'wrong-type', line: 3, field: 'text', message: '"text" should be text, found a number' },
  { file: 'cls-single-label.csv', task: 'classification', code: 'single-label', line: undefined, message: 'every training example has the label "pos"' },
  { file: 'cls-unknown-label.tsv', task: 'classification', trainedOn: 'cls-train.tsv', code: 'unknown-label', line: 4, field: 'label', message: 'label "neutral" does not occur in the training data (which has "positive", "negative")' },
  { file: 'cls-conll-given.txt', task: 'classification', code: 'wrong-format', line: 1, message: 'the file looks like CoNLL (a token and a tag per line, blank lines between sentences), which is not a format for classification' },
  { file: 'cls-squad-given.json', task: 'classification', code: 'wrong-format', line: 1, message: 'looks like a JSON document, which is not a format for classification (expected CSV or TSV or JSON lines)' },
  { file: 'cls-imbalanced.csv', task: 'classification', severity: 'warning', code: 'class-imbalance', line: undefined, message: 'labels are imbalanced: "pos" has 60 examples, "neg" 3 (20×)' },
  { file: 'cls-imbalanced.csv', task: 'classification', severity: 'warning', code: 'rare-label', line: undefined, message: 'label "neg" has only 3 training examples' },
  { file: 'cls-duplicate-column.csv', task: 'classification', code: 'duplicate-column', line: 1, field: 'label', message: 'two columns are named "label" (columns 2 and 3)' },
  { file: 'cls-duplicate-text-column.tsv', task: 'classification', code: 'duplicate-column', line: 1, field: 'Text', message: 'two columns are named "text" (columns 1 and 3: "text" and "Text")' },
  { file: 'cls-cr-only.csv', task: 'classification', code: 'empty-text', line: 4, field: 'text', message: 'empty text in "text"' },
  { file: 'cls-nul.csv', task: 'classification', severity: 'warning', code: 'nul-characters', line: 3, message: 'the file has 2 NUL characters (U+0000), first on this line; removed from the text' },
  { file: 'cls-too-long.csv', task: 'classification', severity: 'warning', code: 'truncated', line: undefined, tokenizer: true, maxSeqLength: 16, message: '1 of 4 training examples (25%) are longer than max_seq_length 16 word pieces (longest 42)' },
  // NER
  { file: 'ner-missing-tag.conll', task: 'ner', code: 'missing-tag', line: 5, message: 'expected a token and its tag separated by a tab or space, found one column "Peter"' },
  { file: 'ner-bad-tag.conll', task: 'ner', code: 'bad-tag', line: 3, message: 'tag "PERSON" is not O, B-TYPE or I-TYPE' },
  { file: 'ner-bad-tag-short.conll', task: 'ner', code: 'bad-tag', line: 2, message: 'tag "PLACE" is not O, B-TYPE or I-TYPE' },
  { file: 'ner-missing-tag-short.conll', task: 'ner', code: 'missing-tag', line: 3, message: 'expected a token and its tag separated by a tab or space, found one column "German"' },
  { file: 'ner-lowercase-tags.conll', task: 'ner', code: 'bad-tag', line: 1, message: 'tag "b-per" is not O, B-TYPE or I-TYPE (or E-/S-TYPE in BIOES); prefixes are upper case: "B-per"' },
  { file: 'ner-empty-tag.conll', task: 'ner', code: 'missing-tag', line: 2, message: 'the tag of "Blackburn" is empty' },
  { file: 'ner-invalid-sequence.conll', task: 'ner', severity: 'warning', code: 'invalid-tag-sequence', line: 9, message: '"I-LOC" follows "O": in IOB2 an entity starts with B-; read as "B-LOC"' },
  { file: 'ner-bioes-unclosed.conll', task: 'ner', severity: 'warning', code: 'invalid-tag-sequence', line: 8, message: 'the LOC entity is not closed with E-LOC (BIOES)' },
  { file: 'ner-length-mismatch.jsonl', task: 'ner', code: 'length-mismatch', line: 2, field: 'ner_tags', message: '2 tokens but 1 tags' },
  { file: 'ner-tag-ids.jsonl', task: 'ner', code: 'tag-ids-without-names', line: 1, field: 'ner_tags[0]', message: 'tags are integer ids; give the tag names in id order' },
  { file: 'ner-only-docstart.conll', task: 'ner', code: 'no-examples', line: undefined, message: 'no sentences in the file' },
  { file: 'ner-csv-given.csv', task: 'ner', code: 'wrong-format', line: 1, message: 'the file looks like CSV (comma-separated columns), which is not a format for NER (expected CoNLL or JSON lines)' },
  { file: 'ner-unknown-entity-type.conll', task: 'ner', trainedOn: 'ner-train.conll', code: 'unknown-label', line: 7, message: 'entity type "event" does not occur in the training data' },
  { file: 'ner-all-o.conll', task: 'ner', code: 'no-entities', line: undefined, message: 'no entities in the training data: every tag is O' },
  { file: 'ner-missing-tokens.jsonl', task: 'ner', code: 'missing-field', line: 2, field: 'tokens', message: 'no "tokens" field' },
  { file: 'ner-no-word-pieces.conll', task: 'ner', severity: 'warning', code: 'no-word-pieces', line: 3, field: 'tokens[2]', tokenizer: true, message: 'word 3 of the sentence ("\uFE0F", U+FE0F) gives no word pieces: it gets no label in training and is predicted as O' },
  // QA
  { file: 'qa-answer-mismatch.json', task: 'qa', code: 'answer-mismatch', line: 23, record: 'q-mismatch', field: 'answers[0].answer_start', message: 'answer text not found at answer_start 30: expected "10th and 11th centuries", the context there reads "o in the 10th and 11th "; it occurs at 39' },
  { file: 'qa-answer-mismatch.jsonl', task: 'qa', code: 'answer-mismatch', line: 2, field: 'answers.answer_start[0]', message: 'answer text not found at answer_start 3' },
  { file: 'qa-answer-out-of-range.json', task: 'qa', code: 'answer-out-of-range', line: 23, record: 'q-range', message: 'answer "Normandy" at answer_start 500 runs past the end of the context (111 characters)' },
  { file: 'qa-answers-length-mismatch.jsonl', task: 'qa', code: 'length-mismatch', line: 1, field: 'answers', message: 'answers has 2 texts but 1 answer_start values' },
  { file: 'qa-no-answers.json', task: 'qa', code: 'no-answers', line: 23, record: 'q-none', message: 'is_impossible is false but the question has no answers' },
  { file: 'qa-impossible-with-answers.json', task: 'qa', severity: 'warning', code: 'impossible-with-answers', line: 23, record: 'q-impossible', message: 'is_impossible is true but the question has answers; they are ignored' },
  { file: 'qa-malformed.json', task: 'qa', code: 'malformed-json', line: 9, record: 'data[0].paragraphs[0].qas[0]', message: 'malformed JSON at column 19: expected a value, found ","' },
  { file: 'qa-not-squad.json', task: 'qa', code: 'not-squad', line: 1, message: 'not SQuAD JSON: expected an object with a "data" list of articles, found an object without "data"' },
  { file: 'qa-missing-context.json', task: 'qa', code: 'missing-field', line: 11, record: 'q-ok', field: 'context', message: 'no "context" field' },
  { file: 'qa-empty-question.jsonl', task: 'qa', code: 'empty-text', line: 2, field: 'question', message: 'empty question' },
  { file: 'qa-not-utf8.jsonl', task: 'qa', code: 'not-utf8', line: 2, message: 'bytes that are not UTF-8 at byte 29 of the line (file offset 275): 0xE9' },
  { file: 'qa-truncated-utf8.jsonl', task: 'qa', code: 'not-utf8', line: 2, message: 'bytes that are not UTF-8 at byte 30 of the line (file offset 276): 0xC3' },
  { file: 'qa-duplicate-id.jsonl', task: 'qa', severity: 'warning', code: 'duplicate-id', line: 3, record: 'j1', message: 'question id "j1" is used more than once' },
  { file: 'qa-csv-given.csv', task: 'qa', code: 'wrong-format', line: 1, message: 'which is not a format for question answering (expected JSON or JSON lines)' },
];

describe('broken files', () => {
  it('covers every file in testdata/broken', () => {
    expect(new Set(CASES.map((c) => c.file))).toEqual(new Set(readdirSync(BROKEN)));
  });

  it.each(CASES.map((c) => [`${c.file}: ${c.code}`, c] as const))('%s', async (_name, c) => {
    const path = join(BROKEN, c.file);
    const paths = c.trainedOn ? { train: join(VALID, c.trainedOn), validation: path } : { train: path };
    const tokenizer = c.tokenizer ? await loadDefaultTokenizer() : undefined;
    const dataset = await loadDatasetFiles(c.task, paths, { split: false, tokenizer, maxSeqLength: c.maxSeqLength });
    const problem = dataset.problems.find((p) => p.code === c.code && p.file === path);
    expect(problem, JSON.stringify(dataset.problems, null, 1)).toBeDefined();
    expect(problem!.severity).toBe(c.severity ?? 'error');
    expect(problem!.message).toContain(c.message);
    expect(problem!.line).toBe(c.line);
    if (c.field !== undefined) expect(problem!.field).toBe(c.field);
    if (c.record !== undefined) expect(problem!.record).toBe(c.record);
    expect(dataset.valid).toBe((c.severity ?? 'error') === 'warning');
    // Messages are for people: no stack frames.
    for (const p of dataset.problems) expect(p.message).not.toMatch(/\n\s+at /);
  });

  it('reports a file that does not exist as a problem, not an exception', async () => {
    const dataset = await loadDatasetFiles('classification', { train: join(BROKEN, 'no-such-file.csv') });
    expect(dataset.valid).toBe(false);
    expect(dataset.problems).toEqual([expect.objectContaining({ code: 'unreadable', message: `cannot read the file: no such file: ${join(BROKEN, 'no-such-file.csv')}` })]);
  });

  it('reports a folder given as a file', async () => {
    const dataset = await loadDatasetFiles('ner', { train: BROKEN });
    expect(dataset.problems[0]).toMatchObject({ code: 'unreadable', message: `cannot read the file: ${BROKEN} is a folder, not a file` });
  });
});
