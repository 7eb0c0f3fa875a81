// Guesses a file's format from its first kilobytes, because extensions lie: Hugging Face
// writes JSON lines to `.json`, GLUE's TSVs are often saved as `.csv`, CoNLL files end in
// anything (.txt, .conll, .iob, none). The extension only breaks ties.

export type FileFormat = 'csv' | 'tsv' | 'jsonl' | 'json' | 'conll';

export interface FormatGuess {
  format: FileFormat;
  /** Why, in words, for messages such as "looks like CoNLL (token and tag per line)". */
  description: string;
}

const DESCRIPTIONS: Record<FileFormat, string> = {
  csv: 'CSV (comma-separated columns)',
  tsv: 'TSV (tab-separated columns)',
  jsonl: 'JSON lines (one JSON object per line)',
  json: 'a JSON document',
  conll: 'CoNLL (a token and a tag per line, blank lines between sentences)',
};

const TAG = /^(O|[BIESLU]-\S+)$/;

const NAMES: Record<FileFormat, string> = { csv: 'CSV', tsv: 'TSV', jsonl: 'JSON lines', json: 'JSON', conll: 'CoNLL' };

export function formatName(format: FileFormat): string {
  return NAMES[format];
}

export function describeFormat(format: FileFormat): string {
  return DESCRIPTIONS[format];
}

export function formatFromExtension(fileName: string): FileFormat | undefined {
  const ext = /\.([a-z0-9]+)$/i.exec(fileName)?.[1]?.toLowerCase();
  switch (ext) {
    case 'csv':
      return 'csv';
    case 'tsv':
      return 'tsv';
    case 'jsonl':
    case 'ndjson':
      return 'jsonl';
    case 'json':
      return 'json';
    case 'conll':
    case 'conllu':
    case 'iob':
    case 'bio':
      return 'conll';
    default:
      return undefined;
  }
}

/** `head` is the decoded start of the file; `fileName` breaks ties. */
export function sniffFormat(head: string, fileName: string): FormatGuess {
  const guess = (format: FileFormat): FormatGuess => ({ format, description: DESCRIPTIONS[format] });
  const lines = completeLines(head);
  const firstLine = lines.find((l) => l.trim() !== '') ?? '';
  const trimmed = firstLine.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    // Two lines that open an object at column 0 are JSON lines even if the first is malformed.
    if (lines.filter((l) => l.startsWith('{')).length >= 2) return guess('jsonl');
    // A whole SQuAD document on one line is still one document, not a one-record JSON lines file.
    const object = parseJsonObject(firstLine);
    return guess(object && !Array.isArray(object['data']) ? 'jsonl' : 'json');
  }
  if (looksLikeConll(lines, fileName)) return guess('conll');
  const byExtension = formatFromExtension(fileName);
  const tabs = count(firstLine, '\t');
  const commas = count(firstLine, ',');
  if (tabs > 0 && tabs >= commas) return guess('tsv');
  if (commas > 0) return guess('csv');
  // One column: nothing to go on but the name.
  return guess(byExtension === 'tsv' ? 'tsv' : 'csv');
}

/** The lines of `head`, without the last one when the head cut it off. */
function completeLines(head: string): string[] {
  const lines = head.split(/\r?\n/);
  if (lines.length > 1) lines.pop();
  return lines.slice(0, 50);
}

function parseJsonObject(line: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(line);
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * CoNLL: lines of "token … TAG", blank lines between sentences. Most lines carrying a
 * well-formed tag decide it. A file that is CoNLL in shape but has bad tags (one wrong tag
 * in a short file, lowercase tags, a tag left out) is still CoNLL: the NER reader then names
 * each bad tag and its line, which "looks like CSV" would hide. Shape alone decides when
 * the name says CoNLL, or when blank lines group the lines into sentences.
 */
function looksLikeConll(lines: string[], fileName: string): boolean {
  const content = lines.filter((l) => l.trim() !== '' && !l.startsWith('-DOCSTART-'));
  if (content.length === 0) return lines.some((l) => l.startsWith('-DOCSTART-'));
  const wellTagged = content.filter((l) => {
    const fields = l.trim().split(/\s+/);
    return fields.length >= 2 && TAG.test(fields[fields.length - 1]!);
  }).length;
  if (wellTagged >= Math.max(1, content.length * 0.8)) return true;
  const shaped = content.filter(isTokenLine).length / content.length;
  if (formatFromExtension(fileName) === 'conll') return shaped >= 0.5;
  const sentences = lines.some((l, i) => l.trim() === '' && i > 0 && i < lines.length - 1);
  return (sentences && shaped >= 0.9) || (wellTagged >= content.length * 0.5 && shaped >= 0.8);
}

/** A tag as people misspell it: any short word ("PLACE", "b-per", "o"), no commas or quotes. */
const TAG_SHAPE = /^[A-Za-z][A-Za-z0-9]*([-_.][^\s,;"']+)?$/;

/** "token TAG" or "token POS CHUNK TAG" (a token holds no space unless tabs separate the columns), or a lone token. */
function isTokenLine(line: string): boolean {
  const fields = line.includes('\t') ? line.split('\t').filter((f) => f.trim() !== '') : line.trim().split(/\s+/);
  if (fields.length === 1) return !/[,;\t]/.test(fields[0]!) && fields[0]!.length <= 40;
  return fields.length <= 6 && !/\s/.test(fields[0]!.trim()) && TAG_SHAPE.test(fields[fields.length - 1]!.trim());
}

function count(text: string, char: string): number {
  let n = 0;
  for (let i = text.indexOf(char); i !== -1; i = text.indexOf(char, i + 1)) n++;
  return n;
}
