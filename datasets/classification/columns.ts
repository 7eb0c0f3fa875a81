// Which columns hold the text, the second text of a pair, and the label. People's files
// use the names of the data sets they came from, so the common ones are recognised
// (case-insensitively), and so are names made of their words; anything else is mapped.
import type { DataColumns } from '../column-report';

export interface ColumnMapping {
  text: string;
  textPair?: string;
  label?: string;
}

/** Pairs first: a file with `question` and `sentence` is QNLI, not a single-text file with a stray column. */
export const PAIR_COLUMNS: readonly (readonly [string, string])[] = [
  ['sentence1', 'sentence2'],
  ['#1 string', '#2 string'], // MRPC
  ['question', 'sentence'], // QNLI
  ['question1', 'question2'], // QQP
  ['premise', 'hypothesis'], // MNLI, SNLI
  ['text_a', 'text_b'],
  ['text', 'text_pair'],
  ['question', 'passage'], // BoolQ
];

export const TEXT_COLUMNS: readonly string[] = [
  'text', 'sentence', 'review', 'content', 'document', 'comment', 'tweet', 'body',
  'utterance', 'message', 'description', 'abstract', 'passage', 'input', 'query', 'title',
];

export const LABEL_COLUMNS: readonly string[] = [
  'label', 'labels', 'class', 'category', 'target', 'sentiment', 'gold_label', 'quality',
  'intent', 'topic', 'stars', 'rating', 'y',
];

/** The roles as a person states them; textPair null: the file has no second text, whatever its names suggest. */
export type GivenColumns = { text?: string; textPair?: string | null; label?: string };

export type ColumnResolution =
  | { ok: true; columns: ColumnMapping }
  | { ok: false; role: keyof ColumnMapping; message: string };

/** How to choose a column, in the words of each place one can. */
const HOW_TO_CHOOSE = 'choose it in the app (Columns), with --columns text=NAME,label=NAME, or in the run config\'s data.columns';

/**
 * Resolves the mapping against the names a file has. `explicit` entries must exist;
 * the rest are guessed (known names first, then names made of known words: review_body,
 * stars_sentiment). `requireLabel` is false for unlabelled (prediction) files.
 */
export function resolveColumns(names: string[], explicit: GivenColumns = {}, requireLabel = true): ColumnResolution {
  const find = (wanted: string) => names.find((n) => n === wanted) ?? names.find((n) => normalizeColumnName(n) === normalizeColumnName(wanted));
  const available = `the file has ${names.map((n) => JSON.stringify(n)).join(', ') || 'no columns'}`;
  const givenFor = new Map<string, keyof ColumnMapping>();
  for (const role of ['text', 'textPair', 'label'] as const) {
    const wanted = explicit[role];
    if (typeof wanted !== 'string') continue;
    const found = find(wanted);
    if (found === undefined) return { ok: false, role, message: `missing column "${wanted}" (given for the ${roleName(role)}); ${available}` };
    const other = givenFor.get(found);
    if (other !== undefined) return { ok: false, role, message: `column "${found}" is given for both the ${roleName(other)} and the ${roleName(role)}; one column cannot be two things` };
    givenFor.set(found, role);
  }

  let text = explicit.text !== undefined ? find(explicit.text) : undefined;
  let textPair = typeof explicit.textPair === 'string' ? find(explicit.textPair) : undefined;
  if (text === undefined) {
    const pair = explicit.textPair === null ? undefined : PAIR_COLUMNS.map(([a, b]) => [find(a), find(b)] as const).find(([a, b]) => a !== undefined && b !== undefined);
    if (pair) [text, textPair] = [pair[0], textPair ?? pair[1]];
    else text = bestGuess(names, TEXT_COLUMNS, [textPair]);
  }
  if (text === undefined) {
    return { ok: false, role: 'text', message: `missing column: no text column (looked for ${TEXT_COLUMNS.slice(0, 6).join(', ')}, … or sentence1 + sentence2); ${available}; ${HOW_TO_CHOOSE}` };
  }

  const label = explicit.label !== undefined ? find(explicit.label) : bestGuess(names, LABEL_COLUMNS, [text, textPair]);
  if (label === undefined && requireLabel) {
    return { ok: false, role: 'label', message: `missing column: no label column (looked for ${LABEL_COLUMNS.slice(0, 6).join(', ')}, …); ${available}; ${HOW_TO_CHOOSE.replace('text=NAME,', '')}` };
  }
  const columns: ColumnMapping = { text };
  if (textPair !== undefined) columns.textPair = textPair;
  if (label !== undefined) columns.label = label;
  return { ok: true, columns };
}

/** Words that mark a column as an identifier or a link, never the text or the label. */
const NOT_CONTENT = new Set(['id', 'ids', 'idx', 'index', 'key', 'uuid', 'url', 'link', 'date', 'time', 'timestamp']);

/**
 * The name that best fits a role: a known name ("review") ranks by its place in the list;
 * a name made of known words ("review_body") by its least fitting word, just after the
 * known name of that rank, so "review_body" beats "title" and "review_title" loses to both.
 */
function bestGuess(names: readonly string[], known: readonly string[], taken: readonly (string | undefined)[]): string | undefined {
  let best: { name: string; rank: number } | undefined;
  for (const name of names) {
    if (taken.includes(name)) continue;
    const rank = guessRank(name, known);
    if (rank !== undefined && (best === undefined || rank < best.rank)) best = { name, rank };
  }
  return best?.name;
}

function guessRank(name: string, known: readonly string[]): number | undefined {
  const normalized = normalizeColumnName(name);
  const exact = known.indexOf(normalized);
  if (exact !== -1) return exact;
  const words = normalized.split(/[^a-z0-9#]+/).filter(Boolean);
  if (words.length < 2 || words.some((w) => NOT_CONTENT.has(w))) return undefined;
  const ranks = words.map((w) => known.indexOf(w)).filter((r) => r !== -1);
  return ranks.length === 0 ? undefined : Math.max(...ranks) + 0.5;
}

/** How column names compare: case, surrounding space and a byte order mark do not count. */
export function normalizeColumnName(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase();
}

function roleName(role: keyof ColumnMapping): string {
  return role === 'textPair' ? 'second text' : role;
}

/** data.columns in the mapping's own terms. */
export function givenColumns(columns: DataColumns | undefined): GivenColumns {
  const given: GivenColumns = {};
  if (columns?.text !== undefined) given.text = columns.text;
  if (columns?.text_pair !== undefined) given.textPair = columns.text_pair;
  if (columns?.label !== undefined) given.label = columns.label;
  return given;
}

/** The mapping as data.columns writes it, for the report. */
export function chosenColumns(mapping: ColumnMapping): DataColumns {
  const chosen: DataColumns = { text: mapping.text };
  if (mapping.textPair !== undefined) chosen.text_pair = mapping.textPair;
  if (mapping.label !== undefined) chosen.label = mapping.label;
  return chosen;
}
