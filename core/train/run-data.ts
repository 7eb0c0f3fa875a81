// The parts of a run config's `data` that say how to read the files, not which files:
//
//   "columns":     {"text": "review_body", "text_pair": "summary" | null, "label": "stars"}
//                  (classification; null: no second text even where one would be guessed),
//                  {"tokens": "words", "tags": "ner_tags"} (NER JSON lines)
//   "label_names": {"0": "negative", "1": "positive"}: labels as the file writes them → the
//                  names the model's config.json (id2label) and every page show
//
// Roles left out are guessed from the file. Every problem names its field.

export interface DataColumns {
  text?: string;
  /** null: the file has no second text, whatever its column names suggest. */
  text_pair?: string | null;
  label?: string;
  tokens?: string;
  tags?: string;
}

export type ColumnRole = keyof DataColumns;

/** The roles a task's files can map; tasks not listed read fixed fields (SQuAD) or plain lines. */
export const COLUMN_ROLES: Readonly<Partial<Record<string, readonly ColumnRole[]>>> = {
  classification: ['text', 'text_pair', 'label'],
  ner: ['tokens', 'tags'],
};

const MAX_NAME = 500;
const MAX_LABEL_NAMES = 10_000;

type Problem = (field: string, text: string) => void;

export function parseDataColumns(value: unknown, task: string | undefined, problem: Problem): DataColumns | undefined {
  if (value === undefined || value === null) return undefined;
  const field = 'data.columns';
  if (!isObject(value)) return void problem(field, `must be an object such as {"text": "review_body", "label": "stars"}, got ${JSON.stringify(value)}`);
  const roles = task === undefined ? undefined : COLUMN_ROLES[task];
  if (task !== undefined && roles === undefined) return void problem(field, `${task} data has no columns to choose`);
  const columns: DataColumns = {};
  const usedBy = new Map<string, ColumnRole>();
  for (const [key, name] of Object.entries(value)) {
    const role = key as ColumnRole;
    if (roles && !roles.includes(role)) {
      problem(`${field}.${key}`, `is not a column role for ${task}; one of ${roles.join(', ')}`);
      continue;
    }
    if (role === 'text_pair' && name === null) {
      columns.text_pair = null;
      continue;
    }
    if (typeof name !== 'string' || name.trim() === '' || name.length > MAX_NAME) {
      problem(`${field}.${key}`, `must be the name of a column in the file, got ${JSON.stringify(name)}`);
      continue;
    }
    const other = usedBy.get(name);
    if (other !== undefined) {
      problem(`${field}.${key}`, `column "${name}" is already the ${other}; one column cannot be two things`);
      continue;
    }
    usedBy.set(name, role);
    columns[role] = name;
  }
  return columns;
}

export function parseLabelNames(value: unknown, task: string | undefined, problem: Problem): Record<string, string> | undefined {
  if (value === undefined || value === null) return undefined;
  const field = 'data.label_names';
  if (task !== undefined && task !== 'classification') return void problem(field, `renames classification labels; ${task} has none to rename`);
  if (!isObject(value)) return void problem(field, `must be an object from the label as the file writes it to its name, such as {"0": "negative", "1": "positive"}`);
  const entries = Object.entries(value);
  if (entries.length > MAX_LABEL_NAMES) return void problem(field, `names ${entries.length} labels; at most ${MAX_LABEL_NAMES}`);
  const names: Record<string, string> = {};
  const renamedFrom = new Map<string, string>();
  for (const [from, to] of entries) {
    if (typeof to !== 'string' || to.trim() === '' || to.length > MAX_NAME) {
      problem(`${field}.${from}`, `must be the label's new name, got ${JSON.stringify(to)}`);
      continue;
    }
    const name = to.trim();
    const earlier = renamedFrom.get(name);
    if (earlier !== undefined) {
      problem(`${field}.${from}`, `"${from}" and "${earlier}" are both renamed "${name}"; two labels cannot share a name`);
      continue;
    }
    renamedFrom.set(name, from);
    names[from] = name;
  }
  return names;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
