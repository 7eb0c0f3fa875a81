// Which columns hold the text, the second text of a pair, and the label. People's files
// use the names of the data sets they came from, so the common ones are recognised
// (case-insensitively); anything else can be mapped explicitly.

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

export type ColumnResolution =
  | { ok: true; columns: ColumnMapping }
  | { ok: false; role: keyof ColumnMapping; message: string };

/**
 * Resolves the mapping against the names a file has. `explicit` entries must exist;
 * the rest are detected. `requireLabel` is false for unlabelled (prediction) files.
 */
export function resolveColumns(names: string[], explicit: Partial<ColumnMapping> = {}, requireLabel = true): ColumnResolution {
  const find = (wanted: string) => names.find((n) => n === wanted) ?? names.find((n) => normalizeColumnName(n) === normalizeColumnName(wanted));
  const available = `the file has ${names.map((n) => JSON.stringify(n)).join(', ') || 'no columns'}`;
  for (const role of ['text', 'textPair', 'label'] as const) {
    const wanted = explicit[role];
    if (wanted !== undefined && find(wanted) === undefined) {
      return { ok: false, role, message: `missing column "${wanted}" (given for the ${roleName(role)}); ${available}` };
    }
  }

  let text = explicit.text !== undefined ? find(explicit.text) : undefined;
  let textPair = explicit.textPair !== undefined ? find(explicit.textPair) : undefined;
  if (text === undefined) {
    const pair = PAIR_COLUMNS.map(([a, b]) => [find(a), find(b)] as const).find(([a, b]) => a !== undefined && b !== undefined);
    if (pair) [text, textPair] = [pair[0], textPair ?? pair[1]];
    else text = firstFound(TEXT_COLUMNS, find);
  }
  if (text === undefined) {
    return { ok: false, role: 'text', message: `missing column: no text column (looked for ${TEXT_COLUMNS.slice(0, 6).join(', ')}, … or sentence1 + sentence2); ${available}` };
  }

  const label = explicit.label !== undefined ? find(explicit.label) : firstFound(LABEL_COLUMNS, find);
  if (label === undefined && requireLabel) {
    return { ok: false, role: 'label', message: `missing column: no label column (looked for ${LABEL_COLUMNS.slice(0, 6).join(', ')}, …); ${available}` };
  }
  const columns: ColumnMapping = { text };
  if (textPair !== undefined) columns.textPair = textPair;
  if (label !== undefined) columns.label = label;
  return { ok: true, columns };
}

function firstFound(candidates: readonly string[], find: (name: string) => string | undefined): string | undefined {
  for (const candidate of candidates) {
    const found = find(candidate);
    if (found !== undefined) return found;
  }
  return undefined;
}

/** How column names compare: case, surrounding space and a byte order mark do not count. */
export function normalizeColumnName(name: string): string {
  return name.replace(/^\uFEFF/, '').trim().toLowerCase();
}

function roleName(role: keyof ColumnMapping): string {
  return role === 'textPair' ? 'second text' : role;
}
