// Reading an unlabelled text corpus for pre-training into documents of sentences:
//
//   .txt   create_pretraining_data.py's layout: one sentence per line, a blank line
//          between documents. A file without any blank line has no document structure:
//          each line is its own document (run_mlm's line_by_line reading).
//   CSV / TSV / JSON lines   the text column of a table (SST-2's `sentence`, a `text`
//          field): each row is a document, split into sentences after . ! or ?.
//
// Format: stated > JSON lines when the text starts with an object > the extension
// (.csv, .tsv) > plain text. Unlike the labelled tasks a .txt is never sniffed as CSV:
// prose is full of commas.
import type { ProblemLog } from '../problems';
import type { ByteSource } from '../source';
import type { CorpusDocument } from '../types';
import { resolveColumns } from '../classification/columns';
import { delimitedRows, reportRowError } from '../formats/delimited';
import { jsonLines } from '../formats/jsonl';
import { formatFromExtension } from '../formats/sniff';
import { decodeUtf8 } from '../text/decode';
import { numberedLines } from '../text/lines';
import { peekText } from '../text/peek';

export type CorpusFormat = 'text' | 'csv' | 'tsv' | 'jsonl';

export interface CorpusReadOptions {
  format?: CorpusFormat;
  /** The table column that holds the text (default: detected, as for classification: text, sentence, review, …). */
  textColumn?: string;
}

export interface CorpusFile {
  examples: CorpusDocument[];
  format?: CorpusFormat;
}

const SNIFF_CHARS = 64 * 1024;

export async function readCorpusFile(source: ByteSource, options: CorpusReadOptions, log: ProblemLog): Promise<CorpusFile> {
  const { head, chunks } = await peekText(decodeUtf8(source, log), SNIFF_CHARS);
  if (log.hasErrorsIn(source.name) && head === '') return { examples: [] };
  if (head.trim() === '') {
    log.error(source.name, 'empty-file', 'the file is empty');
    return { examples: [] };
  }
  const format = options.format ?? corpusFormat(head, source.name);
  const examples =
    format === 'text' ? await readTextDocuments(chunks, source.name, log) : format === 'jsonl' ? await readJsonlDocuments(chunks, source.name, options, log) : await readTableDocuments(chunks, source.name, format, options, log);
  if (examples.length === 0 && !log.hasErrorsIn(source.name)) log.error(source.name, 'no-text', 'the file has no text to pre-train on');
  return { examples, format };
}

function corpusFormat(head: string, name: string): CorpusFormat {
  if (head.trimStart().startsWith('{')) return 'jsonl';
  const byExtension = formatFromExtension(name);
  return byExtension === 'csv' || byExtension === 'tsv' ? byExtension : 'text';
}

async function readTextDocuments(chunks: AsyncIterable<string>, file: string, log: ProblemLog): Promise<CorpusDocument[]> {
  const documents: CorpusDocument[] = [];
  let current: CorpusDocument | undefined;
  let sawBlankLine = false;
  for await (const { text, line } of numberedLines(chunks, { file, log })) {
    const sentence = text.trim();
    if (sentence === '') {
      if (current) sawBlankLine = true;
      current = undefined;
      continue;
    }
    if (!current) documents.push((current = { sentences: [], line }));
    current.sentences.push(sentence);
  }
  if (sawBlankLine || documents.length !== 1) return documents;
  // No blank line anywhere: the lines are independent texts, not one long document.
  const only = documents[0]!;
  return only.sentences.map((sentence, i) => ({ sentences: [sentence], line: only.line + i }));
}

async function readTableDocuments(chunks: AsyncIterable<string>, file: string, format: 'csv' | 'tsv', options: CorpusReadOptions, log: ProblemLog): Promise<CorpusDocument[]> {
  const documents: CorpusDocument[] = [];
  let column: number | undefined;
  let width = 0;
  for await (const row of delimitedRows(chunks, { delimiter: format === 'csv' ? ',' : '\t', quoting: format === 'csv' })) {
    if (row.error) {
      reportRowError(row, file, log);
      if (row.error !== 'malformed-quote') break;
      continue;
    }
    if (row.fields.length === 1 && row.fields[0]!.trim() === '') continue;
    if (column === undefined) {
      const header = row.fields.map((name) => name.trim());
      const found = textColumnOf(header, options, file, row.line, log);
      if (found === undefined) return documents;
      column = header.indexOf(found);
      width = header.length;
      continue;
    }
    if (row.fields.length !== width) {
      log.error(file, 'column-count', `${row.fields.length} columns, the header has ${width}`, { line: row.line });
      continue;
    }
    addDocument(documents, row.fields[column], row.line);
  }
  return documents;
}

async function readJsonlDocuments(chunks: AsyncIterable<string>, file: string, options: CorpusReadOptions, log: ProblemLog): Promise<CorpusDocument[]> {
  const documents: CorpusDocument[] = [];
  let column: string | undefined;
  for await (const { value, line } of jsonLines(chunks, file, log)) {
    column ??= textColumnOf(Object.keys(value), options, file, line, log);
    if (column === undefined) return documents;
    const text = value[column];
    if (text !== undefined && text !== null && typeof text !== 'string') {
      log.error(file, 'not-text', `"${column}" must be a string, found ${typeof text}`, { line, field: column });
      continue;
    }
    addDocument(documents, text ?? '', line);
  }
  return documents;
}

function textColumnOf(names: string[], options: CorpusReadOptions, file: string, line: number, log: ProblemLog): string | undefined {
  const resolved = resolveColumns(names, options.textColumn === undefined ? {} : { text: options.textColumn }, false);
  if (resolved.ok) return resolved.columns.text;
  log.error(file, 'missing-column', resolved.message, { line, ...(options.textColumn ? { field: options.textColumn } : {}) });
  return undefined;
}

function addDocument(documents: CorpusDocument[], text: string | undefined, line: number): void {
  const sentences = splitSentences(text ?? '');
  if (sentences.length > 0) documents.push({ sentences, line });
}

/** Sentences of a running text: split after . ! or ? (with closing quotes or brackets) before whitespace. Rough, like any rule-based splitter (it splits "Mr. Smith"). */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?]["')\]]*)\s+/)
    .map((sentence) => sentence.trim())
    .filter(Boolean);
}
